"""Deterministic generator of realistic synthetic jsec corpora, at any size.

Articles are assembled from vocabulary and sentence shapes of the seed corpus
(raw/articles), embedded below so the generator needs nothing else: a title, a lead,
body paragraphs with statements and quotations in every quote style (straight,
curly, reversed ``”…“`` and ``«»``), agreement mentions, and page furniture
(see-also lines, related lists, subscribe prompts, follow lines, credits). Each
article gets a metadata file and an annotation file with about ten records
(statements, quotations, agreement mentions), plus the entity and agreement
registries. The same ``(articles, seed)`` always writes the same bytes.

    python benchmarks/generate.py --articles 10000 --out /tmp/jsec-bench/raw-10k
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------- vocabulary

# (entity_id, kind, name_en, Arabic names)
STATES: list[tuple[str, str, list[str]]] = [
    ("JPN", "Japan", ["اليابان"]),
    ("USA", "United States", ["الولايات المتحدة"]),
    ("GBR", "United Kingdom", ["المملكة المتحدة", "بريطانيا"]),
    ("AUS", "Australia", ["أستراليا"]),
    ("PHL", "Philippines", ["الفلبين"]),
    ("FRA", "France", ["فرنسا"]),
    ("DEU", "Germany", ["ألمانيا"]),
    ("ITA", "Italy", ["إيطاليا"]),
    ("KOR", "South Korea", ["كوريا الجنوبية"]),
    ("CHN", "China", ["الصين"]),
    ("PRK", "North Korea", ["كوريا الشمالية"]),
    ("RUS", "Russia", ["روسيا"]),
    ("IND", "India", ["الهند"]),
    ("CAN", "Canada", ["كندا"]),
    ("NZL", "New Zealand", ["نيوزيلندا"]),
    ("UKR", "Ukraine", ["أوكرانيا"]),
]
ORGANIZATIONS: list[tuple[str, str, list[str]]] = [
    ("NATO", "North Atlantic Treaty Organization", ["حلف شمال الأطلسي", "الناتو"]),
    ("EU", "European Union", ["الاتحاد الأوروبي"]),
    ("ASEAN", "Association of Southeast Asian Nations", ["آسيان"]),
    ("jpn-mod", "Ministry of Defense of Japan", ["وزارة الدفاع اليابانية"]),
]
# (slug, name_en, Arabic name as written, role, affiliation)
PEOPLE: list[tuple[str, str, str, str, str]] = [
    ("gen-nakatani", "Gen Nakatani", "ناكاتاني", "Minister of Defense", "JPN"),
    ("shigeru-ishiba", "Shigeru Ishiba", "إيشيبا", "Prime Minister", "JPN"),
    ("fumio-kishida", "Fumio Kishida", "كيشيدا", "Prime Minister", "JPN"),
    ("yoko-kamikawa", "Yoko Kamikawa", "كاميكاوا", "Minister for Foreign Affairs", "JPN"),
    ("minoru-kihara", "Minoru Kihara", "كيهارا", "Minister of Defense", "JPN"),
    ("takeshi-iwaya", "Takeshi Iwaya", "إيوايا", "Minister for Foreign Affairs", "JPN"),
    ("mark-rutte", "Mark Rutte", "روته", "NATO Secretary General", "NATO"),
    ("jens-stoltenberg", "Jens Stoltenberg", "ستولتنبرغ", "NATO Secretary General", "NATO"),
    ("josep-borrell", "Josep Borrell", "بوريل", "EU High Representative", "EU"),
    ("lloyd-austin", "Lloyd Austin", "أوستن", "Secretary of Defense", "USA"),
    ("antony-blinken", "Antony Blinken", "بلينكن", "Secretary of State", "USA"),
    ("richard-marles", "Richard Marles", "مارلز", "Minister for Defence", "AUS"),
    ("gilberto-teodoro", "Gilberto Teodoro", "تيودورو", "Secretary of National Defense", "PHL"),
    ("grant-shapps", "Grant Shapps", "شابس", "Secretary of State for Defence", "GBR"),
    ("zack-cooper", "Zack Cooper", "كوبر", "Analyst", "USA"),
]
# (slug, name_en, Arabic name, kind, parties)
AGREEMENTS: list[tuple[str, str, str, str, list[str]]] = [
    ("jpn-aus-raa", "Japan-Australia Reciprocal Access Agreement", "اتفاقية الوصول المتبادل مع أستراليا",
     "reciprocal_access_agreement", ["JPN", "AUS"]),
    ("jpn-gbr-raa", "Japan-UK Reciprocal Access Agreement", "اتفاقية الوصول المتبادل مع بريطانيا",
     "reciprocal_access_agreement", ["JPN", "GBR"]),
    ("jpn-phl-raa", "Japan-Philippines Reciprocal Access Agreement", "اتفاقية الوصول المتبادل مع الفلبين",
     "reciprocal_access_agreement", ["JPN", "PHL"]),
    ("jpn-eu-sdp", "Japan-EU Security and Defence Partnership", "الشراكة الأمنية والدفاعية مع الاتحاد الأوروبي",
     "security_defence_partnership", ["JPN", "EU"]),
    ("jpn-usa-treaty", "Japan-US Security Treaty", "معاهدة الأمن اليابانية الأمريكية", "alliance_treaty", ["JPN", "USA"]),
    ("gcap", "Global Combat Air Programme", "برنامج الطائرة المقاتلة المشتركة", "co_development", ["JPN", "GBR", "ITA"]),
    ("jpn-nato-itpp", "Japan-NATO Individually Tailored Partnership Programme", "برنامج الشراكة المصمم خصيصاً مع الناتو",
     "security_framework", ["JPN", "NATO"]),
    ("jpn-fra-acsa", "Japan-France Acquisition and Cross-Servicing Agreement", "اتفاقية الاقتناء والخدمات المتبادلة مع فرنسا",
     "acquisition_cross_servicing", ["JPN", "FRA"]),
]
STATUSES = ["proposed", "under_negotiation", "agreed", "to_be_signed", "signed", "announced", "in_force"]
CITIES = ["طوكيو", "كانبيرا", "لندن", "مانيلا", "باريس", "برلين", "روما", "سيول", "نيودلهي", "واشنطن", "بروكسل", "يوكوسوكا"]
DAYS = ["يوم الاثنين", "يوم الثلاثاء", "يوم الأربعاء", "يوم الخميس", "يوم الجمعة", "يوم السبت", "يوم الأحد"]
CUES = ["وقال", "وأضاف", "وأكد", "وأوضح", "وشدد", "قال"]
# Clauses of quoted speech (the seed articles' register).
QUOTED = [
    "تواجه كل من اليابان والناتو العديد من التحديات وأصبحت بيئتنا الأمنية أكثر حدة",
    "نحن في نقطة تحول في التاريخ حيث يهتز النظام الدولي الحر والمفتوح",
    "لا يمكننا أن نكون ساذجين وعلينا حقاً أن نعمل معاً",
    "هذه لحظة تاريخية لبلدينا",
    "نحن نعيش في عالم خطير للغاية",
    "لا يوجد سوى ترياق واحد لهذا العالم المليء بالتحديات",
    "إنها خطوة تاريخية وجاءت في وقتها المناسب",
    "ما يحدث في أوروبا اليوم يمكن أن يحدث في شرق آسيا غداً",
    "يجب أن نظل متحدين وثابتين وندافع عن الحرية والديمقراطية",
    "التعاون بيننا لم يكن أقوى من أي وقت مضى",
    "سنواصل تعزيز الردع في منطقة المحيطين الهندي والهادئ",
    "الصين تبني قواتها المسلحة بوتيرة سريعة",
    "نحن الآن في مرحلة حاسمة تحدد مستقبلنا",
    "من المحتمل أن يكون هذا رد فعل على الضغط المتزايد",
    "نتابع التدريبات العسكرية بالقرب من تايوان عن كثب",
    "الشراكة بين الأصدقاء هي أفضل رد على التهديدات",
]
# Clauses of reported (indirect) speech, after إن / أن.
REPORTED = [
    "بلاده ترغب في زيادة تعميق التعاون الأمني مع الحلفاء",
    "المشاركة في المهمة ستساعد على تعلم الدروس من الحرب في أوكرانيا",
    "الأمن في أوروبا وآسيا لا يمكن فصله",
    "البلدين سيعززان التدريبات المشتركة والتعاون اللوجستي",
    "الاتفاقية ستجعل دخول القوات إلى البلد الآخر أسهل",
    "الحلفاء يقيمون علاقات دفاعية أعمق للاستعداد لأي طارئ",
    "المنطقة تشهد أخطر بيئة أمنية منذ الحرب العالمية الثانية",
    "التعاون الصناعي الدفاعي سيتوسع في السنوات المقبلة",
    "بلاده ستواصل العمل مع شركائها للحفاظ على ممرات بحرية حرة ومفتوحة",
    "المحادثات تناولت رفع مستوى القيادة والسيطرة على القوات",
]
FILLER = [
    "وقد سعت طوكيو إلى توثيق العلاقات مع حلف شمال الأطلسي مع توسيع العلاقات الدفاعية مع الدول الصديقة الأخرى",
    "تعتبر اليابان الصين تهديداً في المنطقة وقد سرّعت في السنوات الأخيرة من تعزيزاتها العسكرية",
    "لم تتم مناقشة تفاصيل المهمة حتى الآن، بما في ذلك إمكانية إرسال أفراد من قوات الدفاع الذاتي",
    "وتحدث الوزيران بعد محادثات استمرت ساعتين تناولت الأمن البحري والدفاع السيبراني",
    "وجاءت المحادثات بعد يوم من اختبار كوريا الشمالية نوعاً جديداً من الصواريخ الباليستية",
    "وفرضت طوكيو عقوبات على موسكو مع شركائها في مجموعة الدول السبع",
    "تعمل الدول ذات المخاوف الأمنية المشتركة على تعزيز العلاقات مع تصاعد المنافسة في المنطقة",
    "وقد انتقدت بكين علاقات الحلف المتنامية مع الشركاء في منطقة المحيطين الهندي والهادئ",
    "ويزور المسؤول المنطقة كجزء من جولة تشمل عدة عواصم آسيوية",
    "ستجعل الاتفاقية التدريبات المشتركة والتعاون اللوجستي بين البلدين أسهل",
]
HEADLINES = [
    "تمثال التنين النافث للنار في كراكوف سيحتفظ بأنفاسه",
    "عصابات تهاجم الأحياء في العاصمة في موجة جديدة من العنف",
    "الفلبين تجري مناورات بحرية مع الولايات المتحدة",
    "الرئيس السابق يكشف عن تفاصيل جديدة خلال مقابلة تلفزيونية",
    "ارتفاع أسعار الأرز في الأسواق الآسيوية",
    "مهرجان للفنون التقليدية يجذب آلاف الزوار",
]
TITLES = [
    "اليابان تسعى لتعزيز تعاونها مع {org}",
    "{state} واليابان توقعان اتفاقية دفاعية جديدة",
    "محادثات أمنية بين اليابان و{state} في {city}",
    "تعزيز التعاون العسكري بين اليابان و{state}",
    "اليابان و{org} يعلنان عن شراكة أمنية وسط تصاعد التوترات",
]
SEE_ALSO = ["شاهد ايضاً: {h}", "اقرأ أيضاً: {h}", "اقرأ أيضا: {h}"]
RELATED_HEADINGS = ["أخبار ذات صلة", "مقالات ذات صلة", "قد يهمك أيضاً"]
SUBSCRIBE = ["اشترك في نشرتنا البريدية لتصلك آخر الأخبار", "اكتشف المزيد من الأخبار العسكرية"]
FOLLOW = ["تابعونا على فيسبوك وتويتر", "تابعونا عبر تيليجرام", "تابعنا على يوتيوب"]
CREDITS = ["تحرير: سارة أحمد", "إعداد: محمد علي", "تقرير إضافي من خالد يوسف"]
COMMENT = ["اترك تعليقاً"]
OUTLETS = ["وورلد برس عربي", "الأخبار العسكرية", "عرب نيوز", None]
# (open, close) quote marks: straight, curly, reversed curly, guillemets.
QUOTE_STYLES = [('"', '"'), ("“", "”"), ("”", "“"), ("«", "»")]
_PLAIN_SAFE = re.compile(r"^[\u0600-\u06FF\w][\u0600-\u06FF\w .،؛()\-–/+]*$")


# ------------------------------------------------------------------------ builder


@dataclass
class _Article:
    """One article under construction: paragraphs (None = blank line) and records."""

    article_id: str
    rng: random.Random
    lines: list[str | None] = field(default_factory=list)
    # (table, record without selector, exact, index of its paragraph, char offset in it)
    pending: list[tuple[str, dict[str, Any], str, int, int]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)


def article_id_for(seed: int, index: int) -> str:
    """The stable 16-hex-digit id of the ``index``-th generated article."""
    return hashlib.sha256(f"jsec-bench:{seed}:{index}".encode()).hexdigest()[:16]


def _person(rng: random.Random) -> tuple[str, str, str, str, str]:
    return rng.choice(PEOPLE)


def _statement_paragraph(art: _Article, n: int) -> None:
    """A body paragraph holding a statement (direct, indirect or mixed) and its quotation."""
    rng = art.rng
    slug, _, name_ar, _, _ = _person(rng)
    speakers = [slug]
    if art.entities and rng.random() < 0.5:
        speakers = [art.entities[0]["entity_id"]]
        name_ar = art.entities[0]["names_ar"][0]
    cue = rng.choice(CUES)
    open_, close = rng.choice(QUOTE_STYLES)
    city, day = rng.choice(CITIES), rng.choice(DAYS)
    # A number makes otherwise repeated clauses distinct, as real reports are.
    figure = f" خلال {rng.randint(2, 40)} عاماً" if rng.random() < 0.5 else ""
    mode = rng.choice(["direct", "direct", "indirect", "mixed"])
    paragraph = len(art.lines)
    s_id, q_id = f"s{n}", f"q{n}"
    topics = rng.sample(["JPN", "CHN", "USA", "NATO", "AUS", "RUS"], k=rng.randint(0, 2))
    if mode == "direct":
        words = rng.choice(QUOTED) + figure
        head = f"{cue} {name_ar} للصحفيين في {city} {day}: {open_}"
        text = f"{head}{words}{close}."
        art.lines.append(text)
        art.pending.append(("statements", {"id": s_id, "speaker_ids": speakers, "cue": cue, "mode": "direct",
                                           "topic_ids": topics}, words, paragraph, len(head)))
        art.pending.append(("quotations", {"id": q_id, "speaker_ids": speakers, "cue": cue, "statement_id": s_id},
                            words, paragraph, len(head)))
    elif mode == "indirect":
        words = f"{rng.choice(REPORTED)}{figure}"
        head = f"{cue} {name_ar} {day} في {city} إن "
        text = f"{head}{words}، في حين {rng.choice(FILLER)}."
        art.lines.append(text)
        art.pending.append(("statements", {"id": s_id, "speaker_ids": speakers, "cue": cue, "mode": "indirect",
                                           "topic_ids": topics}, words, paragraph, len(head)))
    else:
        fragment = rng.choice(QUOTED)
        lead_in = rng.choice(REPORTED).split()[0]
        head = f"{cue} {name_ar} {day} أن "
        words = f"{lead_in} {open_}{fragment}{close} في المنطقة{figure}"
        art.lines.append(f"{head}{words}.")
        art.pending.append(("statements", {"id": s_id, "speaker_ids": speakers, "cue": cue, "mode": "mixed"},
                            words, paragraph, len(head)))
        art.pending.append(("quotations", {"id": q_id, "speaker_ids": speakers, "cue": cue, "is_fragment": True,
                                           "statement_id": s_id}, fragment, paragraph, len(head) + len(lead_in) + 2))
    if rng.random() < 0.3:  # a standalone quotation, no statement, other style
        open2, close2 = rng.choice(QUOTE_STYLES)
        words2 = rng.choice(QUOTED)
        head2 = f"{rng.choice(CUES)} {name_ar} أيضاً: {open2}"
        art.lines.append(f"{head2}{words2}{close2}")
        art.pending.append(("quotations", {"id": f"q{n}b", "speaker_ids": speakers, "cue": head2.split()[0],
                                           "note": "Synthetic standalone quotation."}, words2, len(art.lines) - 1, len(head2)))


def _mention_paragraph(art: _Article, n: int) -> None:
    rng = art.rng
    slug, _, name_ar, _, _ = rng.choice(AGREEMENTS)
    before = rng.choice(["وأكد المسؤولون أن", "وستتبع", "وتأتي المحادثات بعد توقيع", "وقالت المصادر إن"])
    head = f"{before} "
    after = f" {rng.choice(['ستعزز الردع', 'تمثل خطوة مهمة', 'تفتح الباب لتعاون أوسع'])}، {rng.choice(FILLER)}."
    art.lines.append(f"{head}{name_ar}{after}")
    art.pending.append(("agreement_mentions", {"id": f"m{n}", "agreement_id": slug,
                                               "reported_status": rng.choice(STATUSES)}, name_ar, len(art.lines) - 1, len(head)))


def _build_article(seed: int, index: int) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    """Text, file name, metadata and annotations of one article."""
    article_id = article_id_for(seed, index)
    rng = random.Random(f"{seed}:{index}")
    art = _Article(article_id, rng)
    if rng.random() < 0.1:  # some articles name an official declared in their own annotation file
        art.entities.append({"entity_id": f"official-{article_id[:8]}", "kind": "person",
                             "name_en": f"Unnamed official {article_id[:8]}", "names_ar": ["المسؤول الياباني"],
                             "affiliation_id": "JPN"})
    state, org = rng.choice(STATES[1:8]), rng.choice(ORGANIZATIONS[:3])
    art.lines.append(rng.choice(TITLES).format(state=state[2][0], org=org[2][0], city=rng.choice(CITIES)))
    blank = rng.random() < 0.3  # blank lines between paragraphs, as in some seed files
    if blank:
        art.lines.append(None)
    lead_line = len(art.lines) + 1
    art.lines.append(f"{rng.choice(CITIES)} – {rng.choice(FILLER)} {rng.choice(DAYS)}، {rng.choice(FILLER)}.")
    records = 0
    n = 1
    see_also_at = rng.randint(3, 6)
    while records < 9 or n < 5:
        if blank:
            art.lines.append(None)
        if n == see_also_at:
            art.lines.append(rng.choice(SEE_ALSO).format(h=rng.choice(HEADLINES)))
        kind = rng.random()
        before = len(art.pending)
        if kind < 0.6:
            _statement_paragraph(art, n)
        elif kind < 0.85:
            _mention_paragraph(art, n)
        else:
            art.lines.append(f"{rng.choice(FILLER)}، {rng.choice(FILLER)}.")
        records += len(art.pending) - before
        if rng.random() < 0.6:  # background paragraphs: seed articles are 4-8 kB
            art.lines.append(f"{rng.choice(FILLER)}، {rng.choice(FILLER)}، {rng.choice(FILLER)}.")
        n += 1
    art.lines.append(rng.choice(RELATED_HEADINGS))
    for headline in rng.sample(HEADLINES, k=rng.randint(2, 3)):
        if blank:
            art.lines.append(None)
        art.lines.append(headline)
    tail = [rng.choice(SUBSCRIBE), rng.choice(FOLLOW), rng.choice(CREDITS)]
    if rng.random() < 0.3:
        tail.append(rng.choice(COMMENT))
    art.lines.extend(tail)

    text, offsets = _join(art.lines)
    annotations = _annotations(art, text, offsets)
    year = rng.randint(2019, 2025)
    precision = rng.choice(["day", "day", "month", "year"])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}-01", "year": f"{year}-01-01"}[precision]
    outlet = rng.choice(OUTLETS)
    metadata: dict[str, Any] = {
        "article_id": article_id, "language": "ar", "outlet": outlet,
        "translated_from": rng.choice(["en", None]), "credits": [],
        "event_date": date, "event_date_precision": precision,
        "event_date_evidence": f"Synthetic: {rng.choice(DAYS)} in the text; generated date.",
        "paragraph_kinds": {lead_line: "lead"},
    }
    name = f"{index:06d}_{article_id}.txt"
    return text, name, metadata, annotations


def _join(lines: Sequence[str | None]) -> tuple[str, list[int]]:
    offsets, parts, pos = [], [], 0
    for line in lines:
        body = line or ""
        offsets.append(pos)
        parts.append(body)
        pos += len(body) + 1
    return "\n".join(parts) + "\n", offsets


def _annotations(art: _Article, text: str, offsets: list[int]) -> dict[str, Any]:
    """Annotation records with selectors made unique the way a contributor would."""
    out: dict[str, Any] = {"article_id": art.article_id}
    if art.entities:
        out["entities"] = art.entities
    tables: dict[str, list[dict[str, Any]]] = {"statements": [], "quotations": [], "agreement_mentions": []}
    for table, record, exact, paragraph, column in art.pending:
        start = offsets[paragraph] + column
        assert text[start : start + len(exact)] == exact, (art.article_id, exact)
        selector: dict[str, Any] = {"exact": exact}
        if text.count(exact) > 1:
            # Lengthen the prefix until it singles this occurrence out.
            for width in (8, 16, 32, 64, 128, start):
                prefix = text[max(0, start - width) : start]
                hits = [m.start() for m in re.finditer(re.escape(prefix + exact), text)]
                if hits == [start - len(prefix)]:
                    selector["prefix"] = prefix
                    break
            else:  # pragma: no cover - the whole text before is always unique
                raise AssertionError("no unique prefix")
        if art.rng.random() < 0.1:
            selector["start"] = start
        tables[table].append({"id": record["id"], **selector, **{k: v for k, v in record.items() if k != "id"}})
    for table, rows in tables.items():
        if rows:
            art.rng.shuffle(rows)  # file order need not follow the text
            out[table] = rows
    return out


# ------------------------------------------------------------------------ writers


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # a YAML date, as contributors write it
    if _PLAIN_SAFE.match(text) and not text.endswith(" ") and not re.fullmatch(r"[\d.\-+]+|null|true|false|yes|no|on|off", text):
        return text
    return json.dumps(text, ensure_ascii=False)


def to_yaml(data: dict[str, Any]) -> str:
    """Block YAML the way contributors write it (flow lists for ids)."""
    out: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{key}:")
            out.extend(f"  {k}: {_scalar(v)}" for k, v in value.items())
            if not value:
                out[-1] = f"{key}: {{}}"
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(f"{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    rendered = "[" + ", ".join(_scalar(x) for x in v) + "]" if isinstance(v, list) else _scalar(v)
                    out.append(f"{'  - ' if first else '    '}{k}: {rendered}")
                    first = False
        elif isinstance(value, list):
            out.append(f"{key}: [" + ", ".join(_scalar(x) for x in value) + "]")
        else:
            out.append(f"{key}: {_scalar(value)}")
    return "\n".join(out) + "\n"


def registries() -> tuple[dict[str, Any], dict[str, Any]]:
    """The entity and agreement registries."""
    entities: list[dict[str, Any]] = [{"entity_id": e, "kind": "state", "name_en": n, "names_ar": a} for e, n, a in STATES]
    entities += [{"entity_id": e, "kind": "organization", "name_en": n, "names_ar": a,
                  **({"affiliation_id": "JPN"} if e == "jpn-mod" else {})} for e, n, a in ORGANIZATIONS]
    entities += [{"entity_id": s, "kind": "person", "name_en": n, "names_ar": [a], "role": r, "affiliation_id": f}
                 for s, n, a, r, f in PEOPLE]
    agreements = [{"agreement_id": s, "name_en": n, "name_ar": a, "kind": k, "parties": p, "signed_date": None,
                   "note": "Synthetic benchmark registry entry."} for s, n, a, k, p in AGREEMENTS]
    return {"entities": entities}, {"agreements": agreements}


def generate(out: Path, articles: int, seed: int = 0) -> dict[str, int]:
    """Write a raw/ folder of ``articles`` articles to ``out`` (replaced); return counts."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    for sub in ("articles", "annotations", "metadata"):
        (out / sub).mkdir(parents=True)
    entities, agreements = registries()
    (out / "entities.yaml").write_text(to_yaml(entities), encoding="utf-8")
    (out / "agreements.yaml").write_text(to_yaml(agreements), encoding="utf-8")
    counts = {"articles": 0, "records": 0, "text_bytes": 0}
    for index in range(articles):
        text, name, metadata, annotations = _build_article(seed, index)
        article_id = metadata["article_id"]
        data = text.encode("utf-8")
        if index % 7 == 3:  # some contributors save with Windows newlines
            data = data.replace(b"\n", b"\r\n")
        (out / "articles" / name).write_bytes(data)
        (out / "metadata" / f"{article_id}.yaml").write_text(to_yaml(metadata), encoding="utf-8")
        if index % 10 == 7:  # annotation files may be JSON too
            payload = json.dumps(annotations, ensure_ascii=False, indent=2) + "\n"
            (out / "annotations" / f"{article_id}.json").write_text(payload, encoding="utf-8")
        else:
            (out / "annotations" / f"{article_id}.yaml").write_text(to_yaml(annotations), encoding="utf-8")
        counts["articles"] += 1
        counts["records"] += sum(len(annotations.get(t, [])) for t in ("statements", "quotations", "agreement_mentions"))
        counts["text_bytes"] += len(data)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``generate.py --articles N --out DIR [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.articles, args.seed)
    print(json.dumps({"out": str(args.out), **counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
