"""Localwire's extraction rules as data: what is clutter, what is a credit, what is an agency.

Kept conservative: a pattern must only ever match lines no reader would miss.
"""

from __future__ import annotations

import re

# Whole blocks (paragraphs) that are publisher furniture, not the story.
BOILERPLATE_PATTERNS = (
    r"^copyright\b|^©|^\(c\)\s*\d{4}",
    r"\ball rights reserved\b",
    r"\bmay not be (re)?published,? broadcast,? rewritten,? or redistributed\b",
    r"^for (the latest|more) (local )?(news|updates|coverage)\b.{0,120}\b(head|go|visit|download|tune)\b",
    r"^(advertisement|advertising|sponsored( content)?|ad|promoted|paid content)[\s:.-]*$",
    r"^(read more|related|see also|also read|recommended( for you)?|more coverage|more from [\w .-]+|watch|"
    r"listen|read next|don'?t miss|trending|most popular|you may also like|more stories)\s*[:|»›>-]",
    r"^(related( stories| coverage| articles| content)?|more stories|recommended|trending now)\s*$",
    r"\bsign up for (our|the|a|free)\b.{0,80}\b(newsletter|email|alerts?|briefing)\b",
    r"^(subscribe|sign up|register) (now|today|here)\b",
    r"^(to|we) .{0,40}\bsubscribe\b.{0,60}$",
    r"^(get|receive) (the|our) .{0,60}\b(newsletter|in your inbox|app)\b",
    r"^follow (us|@?[\w .-]{1,40}) on (twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin|youtube)\b",
    r"^click here\b",
    r"^share (this|on)\b.{0,40}$",
    r"^(leave|post|join|add) (a|the) (comment|conversation)|^comments? \(\d+\)$|^\d+ comments?$",
    r"^(story|article) continues below\b",
    r"^(download|get) (our|the) .{0,40}\bapp\b",
    r"^(we|this (web)?site) uses? cookies\b",
    r"^(skip to|back to top|jump to)\b",
    r"^(tags?|topics?|filed under)\s*:",
    r"^print (this|article)$|^email (this|article)$",
    r"^(have|got) a (news )?tip\b.{0,80}(email|contact|send)\b",
    r"^(support|donate to|give to)\b.{0,80}\b(public media|journalism|reporting|newsroom|station|today)\b",
    r"^like this:|^loading\.\.\.$",
    r"^listen to (this|the) (story|article)\b",
)


def _alternation(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


# Patterns anchored at the start are tried only there (match); the rest scan the block (search).
# One alternation each, so a block is read at most twice, not once per pattern.
BOILERPLATE_AT_START = _alternation(p[1:] for p in BOILERPLATE_PATTERNS if p.startswith("^") and "|^" not in p)
BOILERPLATE_ANYWHERE = _alternation(p for p in BOILERPLATE_PATTERNS if not p.startswith("^") or "|^" in p)

# Blocks longer than this are real prose even if a pattern appears inside them.
BOILERPLATE_MAX_CHARS = 400

# "(MP Photo/Dana Whitfield)", "(AP Photo/Evan Vucci, File)", "Photo: Ben Ng", "Credit: Reuters".
CAPTION_CREDIT = re.compile(
    r"\s*(\((?:[^()]*\b(?:photo|photograph|image|video|file|credit|courtesy|pool)\b[^()]*)\)"
    r"|(?:[|–—-]\s*)?\b(?:photo|photograph|image|credit|courtesy)(?: by)?\s*[:/]\s*[^.]{2,80}"
    r"|\bphoto by [^.]{2,60})\s*\.?\s*$",
    re.I,
)
CREDIT_ONLY = re.compile(
    r"^\(?\s*(?:[A-Z]{2,6}\s+)?(?:photo|photograph|image|file photo|video)(?: by)?\s*[:/]?\s*[\w .,'’/-]{0,60}\)?$", re.I
)

# Wire agencies Localwire knows by name and by the short form in datelines and bylines.
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

# Bylines that name nobody.
NOT_A_PERSON = re.compile(
    r"^(staff( reports?| writers?| reporter)?|wire (reports|services)|news (staff|desk|services)|"
    r"editorial (board|staff)|web staff|digital staff|the editors|editors?|admin|administrator|"
    r"news release|press release|contributors?|guest (author|writer|contributor)|"
    r"the [\w .]+ staff|[\w .]+ (staff|news staff|newsroom|news desk))$",
    re.I,
)
JOB_TITLE = re.compile(
    r"^((senior|chief|lead|staff|contributing|special|political|foreign|local|sports|news|"
    r"investigative|associate|managing|executive|deputy|white house|business|health|education)\s+)*"
    r"(writer|reporter|correspondent|editor|columnist|contributor|producer|photographer|journalist|"
    r"intern|anchor|meteorologist|critic|analyst|bureau chief|staff)s?$",
    re.I,
)
CREDIT_ROLE = re.compile(r"^(photos?|photography|images?|video|graphics?|illustrations?|edited|editing)\b(\s+by)?\b", re.I)
BYLINE_PREFIX = re.compile(r"^\s*(by|written by|story by|words by|reporting by|from)\s*:?\s+", re.I)
NAME_PARTICLES = {"de", "del", "della", "la", "le", "van", "von", "der", "den", "da", "di", "du", "dos", "bin", "al"}
DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .,'’-]{2,60}(?:,[^()\n—–]{0,40})?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s+")
DATELINE_AGENCY = re.compile(r"^[A-Z][A-Z .,'’-]{2,60}(?:,[^()\n]{0,40})?\s*\(([A-Za-z][\w .-]{0,30})\)\s*[-–—]")

TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ref|ref_src|"
    r"ref_url|cmpid|cmp|ocid|smid|smtyp|sr_share|spm|s_cid|at_medium|at_campaign|at_custom\d|"
    r"icid|ito|ns_source|ns_mchannel|ns_campaign|wt\.mc_id|share|taid|outputtype)$",
    re.I,
)
# Images that are page furniture, not pictures of the story.
JUNK_IMAGE = re.compile(r"(pixel|spacer|blank|tracking|beacon|logo|avatar|icon|sprite|badge|gravatar|"
                        r"emoji|1x1|placeholder|loading|\.svg($|\?)|\.gif\?|/ads?/|doubleclick)", re.I)
