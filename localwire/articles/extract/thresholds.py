"""Every number the extractor decides by, in one place, so a change is one diff and one version bump."""

LOW_COVERAGE = 0.3  # recall-mode text under this share of the page's <p> text: ask the balanced mode too
MIN_BODY_WORDS = 40  # below this the page gave us no story and the feed's own content is used
SUMMARY_CHARS = 300  # summaries are cut at a word boundary below this
BOILERPLATE_MAX_CHARS = 400  # longer blocks are prose even if a clutter pattern occurs inside them
BYLINE_MAX_CHARS = 150  # a "By …" line in the body longer than this is a sentence, not a byline
BYLINE_SCAN_BLOCKS = 4  # bylines repeated in the text sit among the first few blocks
BYLINE_ELEMENT_MAX_CHARS = 100  # an "author" element longer than this is a bio box, not a byline
MAX_BYLINE_ELEMENTS = 6  # byline-ish elements read per page
MAX_AUTHOR_LINKS = 3  # links to author pages read per page (the first are the story's own)
TWITTER_LABELS = 4  # twitter:label1 … label4 are read for a "Written by"
MAX_BYLINE_LABELS = 3  # "By …" / "Written by" labels read per page
LABEL_SCAN_CHARS = 200  # a piece of text longer than this is prose, even if it opens with "By"
MAX_NAME_WORDS = 5  # "Juan Carlos de la Cruz"; more words is a phrase, not a name
MAX_FIGURES = 40  # pictures looked at per page; galleries beyond this are not the story
ANCHOR_CHARS = 50  # leading characters of a paragraph that identify it when placing pictures
MIN_IMAGE_SIDE = 50  # declared width/height below this (px) is an icon, spacer or tracking pixel
DATELINE_SCAN_CHARS = 200  # an agency dateline sits at the very start of a paragraph
MAX_TREE_DEPTH = 30  # nesting followed in trafilatura's output before a subtree is read as one block
JSON_LD_DEPTH = 5  # how deep @graph / mainEntity nesting is followed
MAX_SUBHEADING_CHARS = 200  # a "heading" longer than this is a styled paragraph
