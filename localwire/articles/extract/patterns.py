"""Localwire's extraction rules as data: what is clutter, what is a credit, what is an agency.

Kept conservative: a pattern must only ever match lines no reader would miss.
Code elsewhere decides *when* to apply these; this module only says *what* matches.
"""

from __future__ import annotations

import re

from lxml import etree


def _alternation(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


# --- Clutter: whole blocks (paragraphs, list items) that are publisher furniture -------------------

# Most furniture announces itself in its first words: these are tried at the start only.
BOILERPLATE_START_PATTERNS = (
    r"copyright\b|©|\(c\)\s*\d{4}",
    r"for (the latest|more) (local )?(news|updates|coverage)\b.{0,120}\b(head|go|visit|download|tune)\b",
    r"(advertisement|advertising|sponsored( content)?|ad|promoted|paid content)[\s:.-]*$",
    r"(read more|related|see also|also read|recommended( for you)?|more coverage|more from [\w .-]+|watch|"
    r"listen|read next|don'?t miss|trending|most popular|you may also like|more stories)\s*[:|»›>-]",
    r"(related( stories| coverage| articles| content)?|more stories|recommended|trending now|see also)\s*:?\s*$",
    r"(subscribe|sign up|register) (now|today|here)\b",
    r"(to|we) .{0,40}\bsubscribe\b.{0,60}$",
    r"(get|receive) (the|our) .{0,60}\b(newsletter|in your inbox|app)\b",
    r"follow (us|@?[\w .-]{1,40}) on (twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin|youtube)\b",
    r"click here\b.{0,100}$",  # a long paragraph opening so is an instruction the story needs
    r"share (this|on)\b.{0,40}$",
    r"(leave|post|join|add) (a|the) (comment|conversation)|comments? \(\d+\)$|\d+ comments?$|comments are closed",
    r"(story|article) continues below\b",
    r"(download|get) (our|the) .{0,40}\bapp\b",
    r"(we|this (web)?site) uses? cookies\b",
    r"(skip to (the )?(main )?(content|navigation|search)|back to top|jump to (top|navigation|content))\b.{0,20}$",
    r"(tags?|topics?|filed under)\s*:",
    r"(print|email) (this|article)$",
    r"(have|got) a (news )?tip\b.{0,80}(email|contact|send)\b",
    r"(support|donate to|give to)\b.{0,80}\b(public media|journalism|reporting|newsroom|station|today)\b",
    r"like this:|loading\.\.\.$",
    r"listen to (this|the) (story|article)\b",
    r"(table of contents|contents|in this (article|story|guide)|on this page|jump to section)\s*:?$",
    r"(estimated )?(reading|read) time\s*:?\s*(\d+\s*min(ute)?s?)?$|\d+\s*min(ute)?s?\s+read$",
    r"(last )?(updated|published|posted)( on)?\s*:?\s*[\w ,.:/]{0,30}$",  # a date line, not a sentence
    r"read (our|the) (full|complete) .{0,60}\breview$",
    r"(read|see|view|show|load) (more|all)( \w+){0,3}\s*[.:…»›>]*$",
    r"(if you (liked|enjoyed)|you might also like|you may also (like|enjoy)|more (stories|articles) like this)\b",
    r"(join|subscribe to|sign up for) (our|the) .{0,40}\bnewsletter\b.{0,40}$",
    r"get the latest .{0,60}\b(inbox|newsletter|updates)\b.{0,20}$",
    r"(>>|»)\s*(compare|related|see|read)\b",
    # Calls to action that are the whole line.
    r"(sign (up|in)|log ?in|register|subscribe|book a demo|get started( today| now)?|contact us|learn more|"
    r"shop now|buy now|order now|donate now|see (packages|plans|pricing)|view on amazon)\s*[.!›»>]*$",
    r"back to (the )?(blog|blogs|news|articles|stories|home|top|all [\w ]{1,20})\b.{0,10}$",
    r"advertisement\s*[:|-]",
    r"share your (story|news tip|tip)\b",
    r"why (trust|you can trust) us\b",
    r"(advertiser |affiliate )?disclosure\s*[:.]?$",
)
# ... and these anywhere in a (short) block: wire trailers and newsletter prompts.
BOILERPLATE_ANYWHERE_PATTERNS = (
    r"\ball rights reserved\b",
    r"\bmay not be (re)?published,? broadcast,? rewritten,? or redistributed\b",
    r"\bsign up for (our|the|a|free)\b.{0,80}\b(newsletter|email|alerts?|briefing)\b",
    # Affiliate and sponsorship notices.
    r"\bas an amazon associate\b|\b(we|i) (may )?earn (a )?(small )?(commission|from qualifying purchases)\b",
    r"\b(supported by|earn) commissions? from\b",
)
# One alternation each, so a block is read at most twice, not once per pattern.
BOILERPLATE_AT_START = _alternation(BOILERPLATE_START_PATTERNS)
BOILERPLATE_ANYWHERE = _alternation(BOILERPLATE_ANYWHERE_PATTERNS)

# A line that is only a photo credit: "Photo: Ben Ng", "(AP Photo/Evan Vucci)", "Image via Pexels".
# A separator is required, so headings such as "Photo composition techniques" are not credits.
CREDIT_ONLY = re.compile(
    r"^\(?\s*(?:[A-Z]{2,6}\s+)?(?:file\s+)?(?:photo|photograph|image|video|credit)s?\s*"
    r"(?:by|via|courtesy of|:|/)\s*[\w .,'’/&-]{1,60}\)?\.?$",
    re.I,
)
# A credit at the end of a caption: "(MP Photo/Dana Whitfield)", "Photo: Ben Ng", "Credit: Reuters".
CAPTION_CREDIT = re.compile(
    r"\s*(\((?:[^()]*\b(?:photo|photograph|image|video|file|credit|courtesy|pool)\b[^()]*)\)"
    r"|(?:[|–—-]\s*)?\b(?:photo|photograph|image|credit|courtesy)(?: by)?\s*[:/]\s*[^.]{2,80}"
    r"|\bphoto by [^.]{2,60})\s*\.?\s*$",
    re.I,
)
# A list item that carries its own number: "3. Bring water", "Step 2:", "(iv)".
NUMBERED_ITEM = re.compile(r"^\s*(\(?\d+[.):]|\(?[ivx]+[.)]|step \d+)\s", re.I)
# "By …" lines repeated at the top of the body.
BODY_BYLINE = re.compile(r"^(by|written by|story by|reporting by)\s+\S", re.I)

# Datelines: "LITTLE ROCK, Ark. (MP) — " (the bracket names the agency).
DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .,'’-]{2,60}(?:,[^()\n—–]{0,40})?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s+")
DATELINE_AGENCY = re.compile(r"^[A-Z][A-Z .,'’-]{2,60}(?:,[^()\n]{0,40})?\s*\(([A-Za-z][\w .-]{0,30})\)\s*[-–—]")

# --- Bylines and agencies -------------------------------------------------------------------------

# Wire agencies Localwire knows by name, with the short forms used in datelines and bylines.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Associated Press": ("AP", "The Associated Press"),
    "Reuters": ("Thomson Reuters",),
    "Agence France-Presse": ("AFP", "Agence France Presse"),
    "United Press International": ("UPI",),
    "Bloomberg": ("Bloomberg News",),
    "Deutsche Presse-Agentur": ("dpa", "DPA"),
    "EFE": ("Agencia EFE",),
    "ANSA": (),
    "Kyodo News": ("Kyodo",),
    "Xinhua": ("Xinhua News Agency",),
    "PA Media": ("Press Association", "PA"),
    "The Canadian Press": ("Canadian Press", "CP"),
    "Australian Associated Press": ("AAP",),
    "CNN Wire": (),
    "Tribune News Service": (),
    "Yonhap": ("Yonhap News Agency",),
    "Anadolu Agency": ("Anadolu",),
}

# An agency's own desk named as the author: "Reuters Staff", "AP wire", "AFP newsroom".
AGENCY_DESK = re.compile(
    r"\s+(staff( writers?| reports?)?|wire( services?)?|news ?desk|desk|newsroom|reporters?)$", re.I
)
# Bylines that name nobody.
NOT_A_PERSON = re.compile(
    r"^(staff( reports?| writers?| reporter)?|wire (reports|services)|news (staff|desk|services)|"
    r"editorial (board|staff)|web staff|digital staff|the editors|editors?|admin|administrator|"
    r"news release|press release|contributors?|guest (author|writer|contributor)|"
    r"the [\w .]+ staff|[\w .]+ (staff|news staff|newsroom|news desk))$",
    re.I,
)
# Job titles, alone ("Staff Writer") or closing a line ("Ana Ruiz AI Writer", "Tech Reporter"):
# a job noun last, any words before it. People are not called "... Writer".
JOB_NOUNS = (
    "writer", "reporter", "correspondent", "editor", "columnist", "contributor", "producer", "photographer",
    "journalist", "intern", "anchor", "meteorologist", "critic", "analyst", "bureau chief", "staff",
    "coordinator", "manager", "director", "specialist", "strategist", "blogger", "researcher", "consultant",
    "fellow", "presenter", "chief", "officer", "ceo", "founder", "co-founder", "president",
)
# Words that qualify a job noun in a title closing a byline line: "Ana Ruiz, AI Writer".
TITLE_WORDS = {
    "senior", "junior", "chief", "lead", "staff", "contributing", "special", "political", "foreign", "local",
    "sports", "news", "investigative", "associate", "managing", "executive", "deputy", "assistant", "white",
    "house", "business", "health", "education", "tech", "technology", "science", "ai", "content", "marketing",
    "digital", "social", "media", "data", "climate", "food", "travel", "features", "opinion", "photo", "video",
    "web", "copy", "regional", "national", "general", "freelance", "guest", "legal", "crime", "metro",
    "entertainment", "arts", "culture", "music", "film", "fashion", "finance", "financial", "money", "weather",
    "product", "research", "communications", "seo", "editorial", "graphics", "medical", "community",
}
JOB_TITLE = re.compile(r"^([\w&/.-]+\s+){0,4}(" + "|".join(JOB_NOUNS) + r")s?$", re.I)
# Words that make a credit an organisation, not a person ("Cleveland Clinic", "Valley News Desk").
ORGANISATION_WORDS = {
    "news", "media", "press", "times", "journal", "herald", "gazette", "tribune", "radio", "tv", "network",
    "magazine", "inc", "llc", "ltd", "corp", "corporation", "company", "agency", "university", "college",
    "institute", "foundation", "association", "society", "council", "department", "ministry", "hospital",
    "clinic", "center", "centre", "services", "solutions", "studio", "studios", "labs", "group", "team",
    "desk", "newsroom", "editorial", "insurance", "bank", "marketing", "blog", "official", "admin",
    "partners", "consulting", "technologies", "software", "systems", "academy", "school", "club", "committee",
    "commission", "office", "staff", "wire", "report", "reports", "online", "digital", "finance", "forum",
}
# Words no personal name contains: their presence means the "name" is a label or a sentence.
NOT_NAME_WORDS = {
    "by", "written", "posted", "author", "authors", "updated", "published", "share", "comments", "read", "min",
    "minutes", "says", "said", "wrote", "who", "have", "has", "contributed", "editors", "follow", "view", "all",
    "posts", "more", "about", "team", "on", "in", "for", "of", "at", "to", "is", "and", "or", "our", "your",
    "news", "media", "contact",
}
NAME_PARTICLES = {"de", "del", "della", "la", "le", "van", "von", "der", "den", "da", "di", "du", "dos", "bin", "al"}
NAME_CAPITAL_PREFIXES = ("mc", "o'", "o’", "d'", "d’")  # McDonald, O'Neil, D'Souza
CREDIT_ROLE = re.compile(r"^(photos?|photography|images?|video|graphics?|illustrations?|edited|editing)\b(\s+by)?\b", re.I)
BYLINE_PREFIX = re.compile(
    r"^\s*(by|written by|story by|words by|reporting by|from|authors?|author\(s\))\s*:?\s+", re.I
)
BYLINE_EMAIL = re.compile(r"\S+@\S+\.\w+")
BYLINE_CONTACT = re.compile(r"(https?://\S+|@\w+|\+?\d[\d ()-]{6,})")
BYLINE_OTHER_CREDITS = re.compile(
    r"\b(photos?|photography|images?|video|graphics?|illustrations?|edited|editing)\s+by\s+[^|;,\n]+", re.I
)
BYLINE_PARENTHESES = re.compile(r"\s*\(([^()]{1,40})\)")  # "Tom Ford (AP)": the bracket is its own credit
# Between authors: ; | newline , bullets, "and" & "with" dashes, and a repeated "By".
BYLINE_SPLIT = re.compile(r"\s*(?:;|\||\n|,|•|·|\band\b|&|\bwith\b|\s[-–—]\s)\s*|\s+(?=\bby\s)", re.I)
NAME_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-])*$")  # letters, apostrophes, dots, hyphens: no digits
HANDLE = re.compile(r"^[a-z][a-z0-9_.-]{2,29}$")  # a user name in lower case: "aawoods", "jane_doe"
WEB_ADDRESS = re.compile(r"\.(com|org|net|co|io|info|news)\b", re.I)  # "AccountingDepartment.com" is a site

# --- URLs and images ------------------------------------------------------------------------------

TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ref|ref_src|"
    r"ref_url|cmpid|cmp|ocid|smid|smtyp|sr_share|spm|s_cid|at_medium|at_campaign|at_custom\d|"
    r"icid|ito|ns_source|ns_mchannel|ns_campaign|wt\.mc_id|share|taid|outputtype|srsltid)$",
    re.I,
)
# Images that are page furniture, not pictures of the story.
JUNK_IMAGE = re.compile(r"(pixel|spacer|blank|tracking|beacon|logo|avatar|icon|sprite|badge|gravatar|"
                        r"emoji|1x1|placeholder|loading|\.svg($|\?)|\.gif\?|/ads?/|doubleclick)", re.I)
IMAGE_SRC_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "src")  # lazy loaders first

# --- Page metadata --------------------------------------------------------------------------------

ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|NewsArticle|LiveBlogPosting)$")
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "sailthru.date", "dc.date", "dc.date.issued",
                  "dcterms.created", "date", "parsely-pub-date", "article.published")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
                 "last-modified", "article.updated")
AUTHOR_META = ("author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator",
               "dcterms.creator", "cxenseparse:author", "citation_author")
AUTHOR_LABELS = ("written by", "author", "by", "authors")  # link-preview labels (twitter:label1) naming the writer
LANGUAGE_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]|$)")  # "en-GB", "en_US", "de"

# XPath used on the original page, before trafilatura prunes it; compiled once (a string
# handed to .xpath() is compiled on every call).
CANONICAL_XPATH = etree.XPath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
PUBLISHED_TIME_XPATH = etree.XPath("//time[@pubdate]/@datetime | //article//time/@datetime | //time/@datetime")
BYLINE_XPATH = etree.XPath("//*[@class][contains(@class, 'byline') or contains(@class, 'author')]"
                           "[not(contains(@class, 'authorit'))]"  # "authorities" is no author
                           " | //*[@rel='author' or @itemprop='author']")
# Page furniture where names are not the story's byline: comments, footers, menus, related links.
FURNITURE_TAGS = {"footer", "nav", "script", "style"}
FURNITURE_CLASSES = ("comment", "footer", "menu", "related")
_NOT_BYLINE_PLACE = (
    "not(ancestor::footer or ancestor::nav or ancestor::script or ancestor::*["
    + " or ".join(f"contains(@class, '{name}') or contains(@id, '{name}')" for name in FURNITURE_CLASSES) + "])"
)
# Links to an author's own page: "/author/ana-ruiz", "/contributors/Tomson+Highway".
AUTHOR_LINK_PATHS = ("/author/", "/authors/", "/writer/", "/writers/", "/contributor/", "/contributors/",
                     "/byline/", "/journalist/", "/journalists/", "/reporter/", "/reporters/", "/columnist/",
                     "/columnists/", "/staff/", "profile/", "author=")
AUTHOR_LINK_XPATH = etree.XPath(
    "//a[@href][" + " or ".join(f"contains(@href, '{path}')" for path in AUTHOR_LINK_PATHS) + "]"
    f"[{_NOT_BYLINE_PLACE}]"
)
# Words that introduce a byline when a page prints one without marking it up: "By", "Written by",
# "Author:". The XPath only narrows the page's text to pieces holding "by" or "author" (cheap, in C);
# the expressions decide.
_LABEL = r"(?:by|written by|posted by|article by|story by|words by|reporting by|author(?:s|\(s\))?)"
BYLINE_LABEL = re.compile(rf"^{_LABEL}(?:\s*:)?(?:\s|$)", re.I)
BYLINE_LABEL_ALONE = re.compile(rf"^{_LABEL}\s*:?$", re.I)
BYLINE_LABEL_CANDIDATES_XPATH = etree.XPath(
    "//body//text()[contains(., 'By') or contains(., 'by') or contains(., 'BY') or contains(., 'uthor')"
    " or contains(., 'UTHOR')]"
)
# Elements that start a new line when a byline element's text is read ("By" / "Ana Ruiz" / "Editor").
BYLINE_BLOCK_TAGS = {"div", "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section",
                     "header", "footer", "table", "tr", "td", "th", "dl", "dt", "dd", "figure", "figcaption",
                     "address", "time", "button"}
# The text in a page's paragraphs, to tell how much of it an extraction kept.
PARAGRAPH_TEXT_XPATH = etree.XPath("//p//text()", smart_strings=False)
# Subheadings inside the page's body, to put back those trafilatura dropped.
SUBHEADING_XPATH = etree.XPath("//body//*[self::h2 or self::h3 or self::h4]")
JSON_LD_XPATH = etree.XPath("//script[@type='application/ld+json']/text()")
META_XPATH = etree.XPath("//meta[@content]")
# Pictures of the story: images in <figure>s anywhere, bare ones only inside the article's own markup.
FIGURE_XPATH = etree.XPath("//img[ancestor::figure or ancestor::article or ancestor::main]")
FIGCAPTION_XPATH = etree.XPath("string(.//figcaption)")
# The paragraph a picture precedes (or, closing a story, follows): how it is put back in place.
NEXT_PARAGRAPH_XPATH = etree.XPath("following::p[string-length(normalize-space()) > 30][1]")
PREVIOUS_PARAGRAPH_XPATH = etree.XPath("preceding::p[string-length(normalize-space()) > 30][1]")

# --- Headlines: an outlet's section name written before the headline ("World: Ferry overturns …") -----

# "Name: headline" where the name is at most four short words; whether it is a section is decided by
# the lists below or the page's own article:section, never by the shape alone ("Ukraine: …" stays).
SECTION_PREFIX = re.compile(r"^\s*([^\W\d][\w.&' -]{0,30}?)\s*:\s+(?=\S)")
# Generic desk names of news sites. Labels that tell what kind of piece it is (Opinion, Analysis,
# Exclusive, Live, Watch, Review) are not here: a reader wants to see those; nor are places ("U.S.:").
GENERIC_SECTIONS = frozenset({
    "world", "world news", "international", "us news", "u.s. news", "nation", "national",
    "national news", "local", "local news", "metro", "region", "regional", "politics", "business", "economy",
    "markets", "money", "sport", "sports", "entertainment", "arts", "culture", "lifestyle", "health", "science",
    "technology", "tech", "climate", "environment", "education", "travel", "food", "news", "top news",
})
SECTION_META = ("article:section", "og:article:section")
MIN_HEADLINE_WORDS = 3  # what is left after the prefix must still read as a headline
