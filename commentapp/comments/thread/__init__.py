"""The article page's comment thread: tree order, page boundaries, rendering and its cache."""
