"""The Jinja2 environment for the hot pages' main content (article, story): the same helpers the
Django templates load, as Jinja2 globals and filters, so the markup stays the one the tags make.

Only the content under the masthead is Jinja2 (``web/jinja2/``): the page around it is still the
one Django base layout (``web/_jinja_main.html`` puts the rendered content into it), so every page
keeps one masthead and one footer. Django's engine spent most of an article page's template time
resolving variables and binding tag arguments; Jinja2 compiles the template to Python once.
"""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import intcomma, naturaltime
from django.template import Context, defaultfilters, engines
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from jinja2 import Environment, pass_context

from localwire.ads.templatetags.ad_slots import ad_slot
from localwire.articles.templatetags.imageproxy import proxied, proxied_srcset
from localwire.community.templatetags.commenting import comments_section
from localwire.community.follow_markup import button_html
from localwire.metrics.templatetags.counts import compact_count
from localwire.web.templatetags.articles import byline, proxy_images
from localwire.web.templatetags.cards import card, meta_line, source_name


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals.update(url=_url, article_card=card, meta_line=meta_line, ad_slot=ad_slot,
                       follow_button=_follow_button, comments_section=_comments)
    env.filters.update(date=_date, naturaltime=naturaltime, linebreaks=_linebreaks, capfirst=defaultfilters.capfirst,
                       truncatechars=defaultfilters.truncatechars, truncatewords=defaultfilters.truncatewords,
                       pluralize=defaultfilters.pluralize, proxied=proxied, proxied_srcset=proxied_srcset,
                       proxy_images=proxy_images, byline=byline, source_name=source_name, intcomma=intcomma,
                       compact_count=compact_count)
    return env


def render_main(request, name: str, context: dict):
    """A page's main content from its Jinja2 template, for a Django page around it to show."""
    return mark_safe(engines["jinja2"].get_template(name).render(context, request=request))


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def _date(value, fmt: str) -> str:
    """Django's ``date`` filter on the value in the current time zone, as Django's engine passes it."""
    return defaultfilters.date(template_localtime(value), fmt)


def _linebreaks(value):
    return defaultfilters.linebreaks_filter(value, autoescape=True)


@pass_context
def _follow_button(context, target, compact: bool = False, mute: bool = False):
    """The community app's follow button: the markup ``{% follow_button %}`` makes."""
    return button_html(context.get("request"), target, mute=mute, compact=compact)


@pass_context
def _comments(context, article):
    """``{% comments_section %}``: the community app's data and template."""
    data = comments_section({"request": context.get("request"), "csrf_token": context.get("csrf_token"),
                             "messages": context.get("messages")}, article)
    return _django_fragment("community/_comments.html", data, context)


def _django_fragment(name: str, data: dict, context):
    """A Django template rendered as its inclusion tag renders it: its own data and the CSRF token."""
    fragment = Context(data, autoescape=True)
    if context.get("csrf_token") is not None:
        fragment["csrf_token"] = context.get("csrf_token")
    return mark_safe(get_template(name).template.render(fragment))
