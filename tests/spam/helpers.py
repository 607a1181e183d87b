"""Realistic article context for the spam engine tests (a local news story + its thread)."""

from commentapp.spam import Context, EarlierComment

ARTICLE_TITLE = "Council approves new cycle lanes on the ring road despite shop owners' protest"
ARTICLE_TEXT = (
    "The city council voted 6-5 on Tuesday to build protected cycle lanes along the ring road, "
    "removing 140 parking spaces. Shop owners on Market Street said the loss of parking would "
    "hurt trade, while cycling groups pointed to falling accident numbers in cities that built "
    "similar lanes. Construction starts in March and is expected to take eight months. The "
    "council says deliveries will be allowed in loading bays before 10am."
)
REAL_COMMENT = (
    "I run a bakery on Market Street and honestly most of our customers walk or cycle already. "
    "The loading bay rule before 10am is what worries me, our flour arrives at noon."
)
EARLIER = (
    EarlierComment(REAL_COMMENT, "email:baker@example.org"),
    EarlierComment("Great news, finally safer routes for kids going to school.", "user:12"),
    EarlierComment(
        "Eight months of roadworks on the ring road will be chaos for everyone who drives "
        "in from the villages, the council should have phased it.",
        "user:7",
    ),
)


def news_context(**overrides) -> Context:
    values = {
        "article_title": ARTICLE_TITLE,
        "article_text": ARTICLE_TEXT,
        "earlier_comments": EARLIER,
        "commenter": "email:reader@example.com",
        "approved_before": 0,
    }
    values.update(overrides)
    return Context(**values)
