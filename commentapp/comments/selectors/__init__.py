"""Reads, one module per audience: threads (the article page), bans, api, moderation."""
