"""Reading a sentence as a reader does: what each figure is, what it is measured from, which measure it is about.

- `kind`: a percentage is a change ("fell by 17%"), a rate or share ("a detection rate of 53.7%",
  "90% of those arrested"), a percentage-point gap, or a target ("a 5% reduction target");
  a count is a change in offences ("136 fewer robberies") or some other number.
- `baseline`: the period a change is measured from when the sentence says ("since the 2006/07
  peak", "from 3,576 in 2008"); empty means the previous year, as the results table's changes are.
- `pairs`: which measure each figure speaks of — by "respectively", by ellipsis ("knife crime fell
  by 17%, youth violence by 4.9%"), by "a 17% fall in knife crime", else the nearest measure before.
- `direction`: the way a clause says a measure went ("fell", "rose", "halved"), for the sign check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from model.catalogue import Catalogue, Mention
from model.checks.figures import ProseFigure

Kind = Literal["change", "share", "gap", "target", "count_change", "other"]
Direction = Literal["up", "down", ""]

DOWN_WORDS = (r"fell|fallen|falls|falling|dropped|drop|drops|decreased|decrease|decreases|declined|decline|reduced|"
              r"reduction|reductions|down|fall|lower|plummeted|plunged|halved|cut|fewer|less")
UP_WORDS = r"rose|risen|rise|rises|rising|increased|increase|increases|grew|grown|up|higher|doubled|trebled|tripled|more"
_DOWN = re.compile(rf"\b(?:{DOWN_WORDS})\b", re.I)
_UP = re.compile(rf"\b(?:{UP_WORDS})\b", re.I)
# Words that make a direction an aim, not a result: "we aim to reduce", "our target is to cut".
_NOT_A_RESULT = re.compile(r"\b(aim\w*|target\w*|will|plan\w*|want\w*|to|must|should|need\w*|help\w*|continue)\s+$",
                           re.I)
_SHARE_BEFORE = re.compile(
    r"(\brate|\blevel|satisfaction|satisfied|confidence|proportion|share|percentage|score|\bstands?|\bstood|"
    r"\bwas|\bwere|\bis|\bare|\bat|\bof|\bwith|\bsay|\bsaid|\bfeel|\bfelt|\bagree\w*|\bthink)"
    r"(?:\s+(?:at|of|to|is|was|around|about|nearly|almost|over|just|more|than|some|up))*\s*$",
    re.I,
)
_RATE_BEFORE = re.compile(
    r"\b(?:rate|level|satisfaction|satisfied|confidence|proportion|share|percentage|score|turnout)\s+"
    r"(?:\w+\s+){0,2}?(?:of|at|was|is|stood\s+at|stands\s+at|reached|to)\s+(?:just\s+)?(?:over\s+|under\s+|around\s+|about\s+)?$",
    re.I)
_SHARE_AFTER = re.compile(r"^\s*(?:of\b|say\b|said\b|felt\b|feel\b|agree\w*|were\b|are\b|satisf\w*|believe\w*|think\b)",
                          re.I)
_TARGET_RIGHT_BEFORE = re.compile(r"\b(?:target|aim|goal|ambition|pledge)\w*\s+(?:of|to|was|is|at|for)?\s*"
                                  r"(?:an?\s+|reduce\s+\w+\s+by\s+|cut\s+\w+\s+by\s+)?(?:\w+\s+)?$", re.I)
_BY_YEAR = re.compile(r"^\s*(?:per\s?cent|%)?\s*(?:\w+\s+){0,3}?by\s+(?:the\s+end\s+of\s+)?(?:March\s+|April\s+)?(?:19|20)\d{2}\b",
                      re.I)
# "a target to reduce crime by 20%", "set a target by the mayor of reducing crime by 20%" (London 2014)
_AIM_BEFORE = re.compile(r"\b(?:pledg\w*|aim\w*|target\w*|plan\w*|ambition|commit\w*|goal)\b[^.;]{0,60}"
                         r"\b(?:to\s+(?:reduce|cut|increase|bring\s+down|lower)|of\s+(?:reducing|cutting|increasing|"
                         r"bringing\s+down|lowering))\b[^.;]{0,60}$", re.I)
_ELSEWHERE = re.compile(r"\b(?:national(?:ly)?|average|(?:London|capital|country|force|Met)[- ]wide|across\s+London|the\s+capital|England\s+and\s+Wales|"
                        r"the\s+country|the\s+Met\s+as\s+a\s+whole|force[- ]wide|other\s+boroughs|MPS[- ]wide)\b", re.I)
_TARGET_NEAR = re.compile(r"\btarget\w*|\baim\w*\b|\bgoal\b|\bambition\b", re.I)
_CHANGE_BEFORE = re.compile(r"\b(?:by|of)\s+(?:an?\s+)?(?:\w+\s+){0,2}$|(?:" + DOWN_WORDS + "|" + UP_WORDS
                            + r")\s+(?:by\s+)?(?:\w+\s+)?$", re.I)
_CHANGE_AFTER = re.compile(r"^\s*(?:" + DOWN_WORDS + "|" + UP_WORDS + r"|drop|rise|fall|cut|swing|improvement)\b", re.I)
# A count of offences changed, and the word saying which way: "136 fewer offences", "1,828 victims fewer".
_OFFENCE_COUNT = re.compile(
    r"^\s+(?P<way>fewer|more|less|additional|extra)\b|^\s+(?:\w+\s+)?(?:offences|crimes|burglar\w*|robber\w*|victims|"
    r"incidents|thefts|vehicles|cars|homes)\b.*?\b(?P<later>fewer|less|more|reduction|increase)\b", re.I)
_PERIOD_IN = re.compile(r"\b((?:19|20)\d{2})(?:\s?[/\-\u2013]\s?|\s+to\s+)((?:19|20)?\d{2})\b|\b((?:19|20)\d{2})\b")
_OTHER_BASE = re.compile(
    r"\b(?:since|compared\s+(?:with|to)|from|than\s+in|than|on|over|against|peak\w*\s+(?:in|of)|levels?\s+(?:in|of))\b"
    r"[^.;]{0,40}?(?P<period>(?:19|20)\d{2}(?:\s?[/\-\u2013]\s?(?:19|20)?\d{2}|\s+to\s+(?:19|20)?\d{2})?)"
    r"|\bsince\s+(?:it|they|the|its)\b[^.;]{0,20}?\bpeak\w*"
    r"|\b(?:over|in|during|within)\s+(?:the\s+(?:last|past)\s+)?(?P<years>two|three|four|five|six|seven|eight|nine|ten|"
    r"\d+|few|several|a)\s+(?:years|decade)|\b(?:over|in)\s+the\s+(?:last|past)\s+decade",
    re.I,
)
# The words that open a clause on a baseline other than last year: "Since 2008/09, ...", "Over the past
# ten years ...", "In the last decade ...".
_OPENING_BASE = re.compile(
    r"\s*(?:(?:and|but|yet)\s+)?(?:since\s+(?:the\s+)?(?:(?:19|20)\d{2}|its\b|their\b|peak)"
    r"|(?:over|in|during|within)\s+(?:the\s+(?:last|past)\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+|few|"
    r"several)\s+(?:years|decades?)\b|(?:over|in)\s+the\s+(?:last|past)\s+decade\b)",
    re.I,
)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_COORDINATED = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*,\s*and\s+|\s+as\s+well\s+as\s+|\s*&\s*)$", re.I)
_FOLLOWING = re.compile(
    r"^\s*(?:(?:" + DOWN_WORDS + "|" + UP_WORDS + r"|drop|rise|fall|cut|swing)\w*\s+)?(?:in|of|for)\s+(?:the\s+)?"
    r"(?:number\s+of\s+|level\s+of\s+|reported\s+)?$"
    r"|^\s*(?:fewer|more|less|additional|extra)\s+(?:\w+\s+)?$", re.I)


@dataclass(frozen=True)
class Pair:
    """A figure and the measures its clause speaks of (several when coordinated: "burglary and robbery fell by 5%")."""

    figure: ProseFigure
    mentions: tuple[Mention, ...]
    direction: Direction


def _local(figure: ProseFigure) -> tuple[str, str, int, int]:
    """(sentence, masked sentence, figure start, figure end) with offsets inside the sentence."""
    from model.checks.figures import mask_non_figures

    start = figure.start - figure.sentence_start
    return figure.sentence, mask_non_figures(figure.sentence), start, start + (figure.end - figure.start)


def _after(figure: ProseFigure) -> str:
    """The words a figure's kind is read from after it."""
    sentence, _masked, _start, end = _local(figure)
    return sentence[end:end + 60]


def kind(figure: ProseFigure) -> Kind:
    """What a figure is: a change, a rate or share, a gap, a target, a count of offences changed, or other."""
    sentence, _masked, start, end = _local(figure)
    before, after = sentence[max(0, start - 60):start], _after(figure)
    if figure.unit == "points":
        return "gap"
    if figure.unit == "count":
        return "count_change" if _OFFENCE_COUNT.match(after) else "other"
    near = sentence[max(0, start - 30):end + 30]
    if _TARGET_RIGHT_BEFORE.search(before) or _BY_YEAR.match(after) or _AIM_BEFORE.search(before):
        return "target"
    if _TARGET_NEAR.search(near) and not _CHANGE_BEFORE.search(before[-25:]):
        return "target"
    if _ELSEWHERE.search(before[-45:]) or _ELSEWHERE.search(sentence, _clause_start(sentence, start), start):
        # the national average, London as a whole, named near the figure or opening its clause
        # ("capital-wide there has been a fall in recorded offences of six per cent"): not this borough's table
        return "other"
    if figure.raw.lower() in ("halved", "doubled", "trebled", "tripled"):
        return "change"
    if _RATE_BEFORE.search(before):
        return "share"  # "a detection rate of 53.7%", "satisfaction at 78.8%"
    if _CHANGE_AFTER.match(after) or _CHANGE_BEFORE.search(before):
        return "change" if not _SHARE_AFTER.match(after) else "share"
    if _SHARE_AFTER.match(after) or _SHARE_BEFORE.search(before):
        return "share"
    return "other"


def baseline(figure: ProseFigure, previous_period: str) -> str:
    """The period a change is measured from, if the figure's clause names one other than last year.

    "" means last year; "other" a baseline named without a period ("since its peak",
    "over the last three years"); else the first year of the period ("2006/07", "2008").
    """
    sentence, _masked, start, end = _local(figure)
    clause_end = _clause_end(sentence, end)
    clause = sentence[max(0, start - 50):clause_end]
    m = _OTHER_BASE.search(clause[min(50, start):]) or _OTHER_BASE.search(sentence[max(0, start - 50):start])
    if m is None:
        # A clause that opens on its baseline puts every figure of it there, however far on the figure
        # comes: "Over the past ten years the number of ... has fallen by 13,163 offences" (London 2010).
        opening = sentence[_clause_start(sentence, start):start]
        if _OPENING_BASE.match(opening):
            m = _OTHER_BASE.search(opening)
    if m is None:
        return ""
    if m.group("years") or "decade" in m.group(0).lower():
        return "other"
    period = (m.group("period") or "").strip()
    if not period:
        return "other"
    first = period[:4]
    if previous_period and first == previous_period[:4]:
        return ""
    return _canonical(period)


def _canonical(period: str) -> str:
    m = _PERIOD_IN.fullmatch(period.strip())
    if m is None:
        return period
    if m.group(1):
        return f"{m.group(1)}/{m.group(2)[-2:]}"
    return m.group(3)


_CLAUSE_BREAK = re.compile(r";|\s[-\u2013\u2014]\s|\bwhile\b|\bwhereas\b|\bbut\b|\bhowever\b|\bcompared\s+(?:to|with)\b")


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding `pos` starts (after the last break before it)."""
    last = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, pos):
        last = m.end()
    return last


def _clause_end(sentence: str, pos: int) -> int:
    """Where the clause holding `pos` ends: a semicolon, a dash, "while", "but", "whereas", or the sentence end."""
    m = _CLAUSE_BREAK.search(sentence, pos)
    return m.start() if m else len(sentence)


def count_direction(figure: ProseFigure) -> Direction:
    """The way a count of offences changed went, by the word that makes it one ("136 fewer offences",
    "136 crimes fewer", "136 offences, a reduction"); "" for a count that is not one, or says no way
    ("136 additional offences" is read as a change, with no direction)."""
    m = _OFFENCE_COUNT.match(_after(figure)) if figure.unit == "count" else None
    return direction(m.group("way") or m.group("later")) if m else ""


def direction(text: str) -> Direction:
    """The way `text` (a clause or the words between a measure and its figure) says things went."""
    down = [m for m in _DOWN.finditer(text) if not _NOT_A_RESULT.search(text[:m.start()])]
    up = [m for m in _UP.finditer(text) if not _NOT_A_RESULT.search(text[:m.start()])]
    # "more than" and "less than" are qualifiers, not directions.
    down = [m for m in down if not re.match(r"less\s+than", text[m.start():], re.I)]
    up = [m for m in up if not re.match(r"more\s+than", text[m.start():], re.I)]
    if down and (not up or down[0].start() < up[0].start()):
        return "down"
    if up:
        return "up"
    return ""


_STATED = re.compile(
    r"^\s*(?:[\w'’]+\s+){0,3}?(?:(?:has|have|had)\s+(?:been\s+)?|(?:is|was|are|were)\s+(?:also\s+)?|went\s+|also\s+)?"
    r"(?P<word>fell|fallen|dropped|decreased|declined|reduced|plummeted|plunged|halved|down|rose|risen|increased|grew|"
    r"grown|doubled|trebled|up)\b(?!\s+(?:to|with|against|on)\b)", re.I)


def stated_direction(after_mention: str) -> Direction:
    """"burglary fell", "robbery is up", "gun crime has risen": the result a clause states for the measure before it.

    Only a verb within a few words of the measure counts, and "up"/"down" only after is/was/went
    ("catch up" is not a rise).
    """
    m = _STATED.match(after_mention)
    if m is None:
        return ""
    word = m.group("word").lower()
    if word in ("up", "down") and not re.search(r"\b(?:is|was|are|were|went|been)\s+(?:also\s+)?$",
                                                after_mention[:m.start("word")], re.I):
        return ""
    return "down" if _DOWN.fullmatch(word) else "up"


def _groups(mentions: list[Mention], sentence: str) -> list[tuple[Mention, ...]]:
    """Mentions joined only by "and", commas or "as well as" form one group: "burglary and robbery"."""
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups and _COORDINATED.match(sentence[groups[-1][-1].end:m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return [tuple(g) for g in groups]


# A measure named as an example of another is not what the sentence reports: "serious violence, which
# includes offences like GBH and attempted murder, was down by almost 18 per cent" (Hounslow 2010).
_EXAMPLE_BEFORE = re.compile(r"\b(?:like|such\s+as|including|includes?|included|e\.g\.)\b", re.I)


def _subjects(mentions: list[Mention], sentence: str) -> list[Mention]:
    """The mentions that are not examples inside an aside; all of them if every one is."""
    def is_example(m: Mention) -> bool:
        aside_start = max(sentence.rfind(",", 0, m.start), sentence.rfind("(", 0, m.start))
        return aside_start >= 0 and bool(_EXAMPLE_BEFORE.search(sentence, aside_start, m.start))

    subjects = [m for m in mentions if not is_example(m)]
    return subjects if subjects else mentions


def pair(figures: list[ProseFigure], sentence: str, catalogue: Catalogue,
         carried: tuple[Mention, ...] = ()) -> list[Pair]:
    """Each figure of one sentence with the measure(s) it speaks of, as a reader pairs them.

    `figures` are the sentence's comparable figures in order; `carried` the mentions of the
    sentence before, for a sentence that opens with "It" or "This" and names no measure.
    """
    mentions = _subjects(catalogue.mentions(sentence), sentence)
    if not figures:
        return []
    rel = figures[0].sentence_start
    if not mentions:
        if carried and re.match(r"\s*(it|this|they|these|that|which)\b", sentence, re.I):
            return [Pair(f, carried, direction(sentence[:f.end - rel])) for f in figures]
        return [Pair(f, (), "") for f in figures]
    groups = _groups(mentions, sentence)
    listed: dict[int, Pair] = {}
    resp = _RESPECTIVELY.search(sentence)
    if resp is not None:
        # "x and y fell by 6 and 5 per cent respectively": the figures up to "respectively" go with the
        # measures before them in order; a figure after it ("..., but burglary rose 2%") is paired as usual.
        before = [m for m in mentions if m.end <= figures[0].start - rel]
        in_list = [f for f in figures if f.end - rel <= resp.start()] if len(figures) > len(before) else figures
        if len(before) == len(in_list) > 1:
            way = direction(sentence[before[-1].end:figures[0].start - rel])
            listed = {f.start: Pair(f, (m,), way) for f, m in zip(in_list, before, strict=True)}
            if len(listed) == len(figures):
                return list(listed.values())
    out: list[Pair] = []
    for n, f in enumerate(figures):
        if f.start in listed:
            out.append(listed[f.start])
            continue
        start, end = f.start - rel, f.end - rel
        clause_start = _clause_start(sentence, start)
        clause_end = _clause_end(sentence, end)
        following = next((g for g in groups if g[0].start >= end and g[0].start < clause_end), None)
        preceding = next((g for g in reversed(groups) if clause_start <= g[0].start and g[-1].end <= start), None)
        if preceding is not None and n > 0 and figures[n - 1].start - rel > preceding[-1].end:
            # another figure stands between: "x fell by 17%, y by 4.9%" (ellipsis) shares x's verb, but
            # "x with injury fell by 3% and those without injury fell by 19%" starts a new subject
            gap = sentence[figures[n - 1].end - rel:start]
            if direction(gap) or re.search(r"\b(?:those|these|it|they|which|that)\b", gap, re.I):
                preceding = None
        if f.unit == "count" and re.match(r"\s+(?:fewer|less|more|additional|extra)\s+\w", sentence[end:]) and (
                following is None or len(sentence[end:following[0].start].split()) > 2):
            out.append(Pair(f, (), ""))  # "83 fewer criminal damages": the noun after it says what it counts
            continue
        if following is not None and _FOLLOWING.match(sentence[end:following[0].start]) and (
                preceding is None or f.unit != "count" or _OFFENCE_COUNT.match(" " + sentence[end:following[0].end])):
            chosen = following
            between = sentence[end:following[0].start]
        elif preceding is not None:
            chosen = preceding
            between = sentence[preceding[-1].end:start]
        elif following is not None and len(sentence[end:following[0].start].split()) <= 3 and not re.search(
                r"\b(?:officers?|staff|patrols?|arrests?|people|residents|calls|on|at|to|with)\b",
                sentence[end:following[0].start], re.I):
            chosen = following
            between = sentence[end:following[0].start]
        else:
            out.append(Pair(f, (), ""))
            continue
        way = direction(between + " " + f.raw) or direction(sentence[end:_clause_end(sentence, end)][:25])
        out.append(Pair(f, chosen, way))
    return out


def previous_period(period: str) -> str:
    """2012/13 → 2011/12; "" when the period is not like 2009/10."""
    m = re.fullmatch(r"((?:19|20)\d{2})/(\d{2})", period.strip())
    if not m:
        return ""
    start = int(m.group(1)) - 1
    return f"{start}/{(start + 1) % 100:02d}"
