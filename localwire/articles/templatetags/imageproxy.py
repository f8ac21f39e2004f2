from django import template

from localwire.articles.imageproxy import image_srcset, image_url

register = template.Library()


@register.filter
def proxied(src: str, width: int | None = None) -> str:
    return image_url(src, int(width) if width else None) if src else ""


@register.filter
def proxied_srcset(src: str) -> str:
    return image_srcset(src) if src else ""
