"""Page furniture: the parts of a page (comments, footers, menus, related links) that hold no story."""

from __future__ import annotations

from localwire.articles.extract.patterns import FURNITURE_CLASSES, FURNITURE_TAGS


def in_furniture(el, stop=None) -> bool:
    """Whether the element, or an ancestor below ``stop``, is furniture by its tag, class or id."""
    for node in (el, *el.iterancestors()):
        if node is stop:
            return False
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in FURNITURE_TAGS or any(name in marks for name in FURNITURE_CLASSES):
            return True
    return False
