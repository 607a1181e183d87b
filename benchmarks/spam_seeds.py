"""Seed patterns for the spam bench: the site's spam kinds and genuine comments, each in a
realistic context (a news article with earlier comments). Expected labels are sets."""

import json
from pathlib import Path

from commentapp.spam import Context, EarlierComment

TITLE = "Water company fined after sewage spills closed three beaches this summer"
ARTICLE = (
    "The regulator fined the regional water company 2.1 million pounds on Monday after "
    "untreated sewage was released into the bay on 41 days between June and August, closing "
    "three beaches to swimmers. The company blamed heavy rainfall and said it would invest in "
    "storm overflow storage. Local swimming clubs said the fine was too small and asked for "
    "real-time water quality data at every beach."
)
ORIGINAL = (
    "I swim at the north beach every morning and we were never told about the spills "
    "until weeks later, the real time data should have been there from the start."
)
EARLIER = (
    EarlierComment(ORIGINAL, "email:swimmer@example.org"),
    EarlierComment(
        "A fine paid by the customers through higher bills is no punishment at all.", "user:41"
    ),
)


def ctx(**kw) -> Context:
    base = {
        "article_title": TITLE,
        "article_text": ARTICLE,
        "earlier_comments": EARLIER,
        "commenter": "email:new@example.com",
    }
    return Context(**{**base, **kw})


SPAM = {"spam"}
NOT_APPROVED = {"held", "spam"}
APPROVED = {"approved"}
SEEDS = [
    (
        "garbled promo: supplement",
        "Burn fat while you sleep with KetoMax capsules, 60% off for "
        "new customers this week only ,1CV4J,76AWWL,4LL18,1",
        ctx(),
        SPAM,
    ),
    (
        "garbled promo: crypto",
        "Turn 100 dollars into 5000 with our AI crypto trading bot, "
        "withdraw any time, join thousands of happy investors ,9QX2T,K7LM4,55PZ8,3",
        ctx(),
        SPAM,
    ),
    (
        "garbled promo: casino",
        "New online casino gives 300 free spins and a 500% welcome bonus, "
        "fast payouts guaranteed ,C4S1N,0SP1N,7BNS5,2",
        ctx(),
        SPAM,
    ),
    (
        "garbled promo: loans",
        "Same day loans up to 5000, no credit checks and instant approval, "
        "apply from your phone ,L04NZ,2CSH9,QK5M7,1",
        ctx(),
        SPAM,
    ),
    (
        "garbled promo: SEO",
        "Get your site to the first page of Google with our guaranteed SEO "
        "package and 1000 backlinks ,S30PK,B4CK1,9RNK3,4",
        ctx(),
        SPAM,
    ),
    (
        "copycat: few words changed",
        ORIGINAL.replace("north", "south")
        .replace("every morning", "most mornings")
        .replace("weeks", "days"),
        ctx(commenter="user:999"),
        NOT_APPROVED,
    ),
    (
        "copycat: copy + link",
        ORIGINAL + " http://cheap-swimwear.example.biz",
        ctx(commenter="email:bot@example.ru"),
        NOT_APPROVED,
    ),
    (
        "check my profile promo",
        "Check my profile for the best deals on swimwear and sunglasses!",
        ctx(),
        NOT_APPROVED,
    ),
    (
        "link spam",
        "http://best-loans.example.biz http://quick-cash.example.biz apply now",
        ctx(),
        SPAM,
    ),
    ("genuine: short praise", "Great piece, thanks!", ctx(), APPROVED),
    (
        "genuine: disagreement",
        "I disagree, the rainfall really was exceptional this year.",
        ctx(),
        APPROVED,
    ),
    ("genuine: typo", "realy shocking, the fine is to small for what they did", ctx(), APPROVED),
    (
        "genuine: other language",
        "Incroyable, et personne n'a été prévenu. Merci pour l'article.",
        ctx(),
        APPROVED,
    ),
    (
        "genuine: source link",
        "The regulator's full decision is here: "
        "https://www.example.gov.uk/decisions/water-2024.pdf (see section 4 on overflows).",
        ctx(),
        APPROVED,
    ),
    (
        "genuine: long thoughtful",
        "I worked in wastewater treatment for 15 years. Storm overflows "
        "exist because old sewers carry rain and sewage together; storage tanks help but the real "
        "fix is separating the systems, which takes decades and billions. The fine is symbolic.",
        ctx(),
        APPROVED,
    ),
    (
        "genuine: same commenter repeats",
        ORIGINAL,
        ctx(commenter="email:swimmer@example.org", approved_before=4),
        APPROVED,
    ),
    (
        "genuine: quotes earlier comment",
        f"> {ORIGINAL}\nSame at the harbour beach, nobody told us either.",
        ctx(),
        APPROVED,
    ),
]

# Genuine readers citing sources (the text model learned "link = spam" from music-video
# comments), in the demo article's context and in the water article's; and promotion with a
# link that mentions the article's subject, which must stay spam.
_DEMO = json.loads(
    (Path(__file__).resolve().parent.parent / "articles" / "demo" / "street_trees.json").read_text(
        encoding="utf-8"
    )
)["article"]


def trees_ctx(**kw) -> Context:
    base = {
        "article_title": _DEMO["title"],
        "article_text": _DEMO["body"],
        "commenter": "email:x@example.org",
    }
    return Context(**{**base, **kw})


NOT_SPAM = {"approved", "held"}
SEEDS += [
    (
        "cites: council page (trees)",
        "Check the council's website for the planting map: https://example.gov/trees",
        trees_ctx(),
        APPROVED,
    ),
    (
        "cites: model docs, on topic (trees)",
        "Four to six times the budget sounds too good. What discount rate did they use? The "
        "model documentation is here: https://www.itreetools.org/tools/i-tree-eco",
        trees_ctx(),
        APPROVED,
    ),
    (
        "cites: news source (trees)",
        "Source for the canopy numbers: https://www.bbc.co.uk/news/science-environment-123",
        trees_ctx(),
        APPROVED,
    ),
    (
        "check out related article (trees)",
        "check out this article about trees https://www.theguardian.com/cities/trees",
        trees_ctx(),
        NOT_SPAM,
    ),
    (
        "cites: survey pdf (trees)",
        "The aerial survey with the district canopy figures is published here: "
        "https://www.example.gov.uk/parks/canopy-survey-2024.pdf",
        trees_ctx(),
        APPROVED,
    ),
    (
        "cites: wikipedia, long (trees)",
        "Plane trees are also very tolerant of pollution, which is why so many old city "
        "streets have them. Background: https://en.wikipedia.org/wiki/Platanus_%C3%97_acerifolia",
        trees_ctx(),
        APPROVED,
    ),
    (
        "cites: EA overflow data (water)",
        "The overflow data for every outlet is public: "
        "https://environment.data.gov.uk/dataset/storm-overflows - the bay had 41 spill days.",
        ctx(),
        APPROVED,
    ),
    (
        "cites: other language (water)",
        "Voici le rapport du régulateur sur les amendes: https://www.example.gouv.fr/eau/rapport",
        ctx(),
        NOT_SPAM,
    ),
    (
        "promo + link mentioning trees",
        "Great article about street trees! Visit my site for cheap garden furniture and 50% "
        "off planters https://www.cheap-garden-deals.example.shop",
        trees_ctx(),
        SPAM,
    ),
    (
        "affiliate link mentioning beaches",
        "Before the beaches reopen grab the best swimwear, my affiliate link gives you a "
        "discount: https://amzn.example.to/3xYz12A",
        ctx(),
        SPAM,
    ),
    (
        "crypto shortener (trees)",
        "Trees are nice but crypto pays more, earn 3000 a week: https://bit.ly/3kRichNow",
        trees_ctx(),
        SPAM,
    ),
]
