"""Remember, in the reader's session, which comments they posted (to show their held ones)."""

SESSION_KEY = "comments.mine"
MAX_REMEMBERED = 200


def remember_own_comment(request, comment_id: int) -> None:
    mine = [pk for pk in request.session.get(SESSION_KEY, []) if pk != comment_id]
    mine.append(comment_id)
    request.session[SESSION_KEY] = mine[-MAX_REMEMBERED:]


def own_comment_ids(request) -> list[int]:
    if not hasattr(request, "session"):
        return []
    return list(request.session.get(SESSION_KEY, []))
