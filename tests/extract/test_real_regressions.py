"""Issue 18's failures, each on a real sentence: the drafter on real news.

The sentences are excerpts of dev articles of SaudiNewsNet (Mazen A. Alhagri, 2015,
CC BY-NC-SA 4.0; each article belongs to its newspaper), in ``tests/fixtures/extract/real``,
whose README gives each one's outlet and source URL; one sentence is from a seed article of
``raw/``. Where the failure needs a case the dev text does not hold (another country's
foreign ministry), a variant of the real sentence is marked as such.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest

from jsec_data.article.stage import Registry, read_registry
from jsec_data.core.models import EntityRecord
from jsec_data.core.text import normalize_for_matching
from jsec_data.extract import extract_file, extract_text
from jsec_data.extract.matching import matching_short
from jsec_data.extract.people import family_name, parse_phrase, people_words

from ..conftest import FIXTURES, ROOT

REAL = FIXTURES / "extract" / "real" / "raw"
ARTICLES = {path.stem.split("_")[-1][:4]: path for path in (REAL / "articles").glob("*.txt")}


@functools.cache
def _registry() -> Registry:
    return read_registry(REAL)[0]


@functools.cache
def _draft(short: str) -> dict[str, Any]:
    draft = extract_file(ARTICLES[short], REAL)
    assert draft.data is not None, [i.format() for i in draft.report]
    return draft.data


def _line(short: str, number: int) -> str:
    return ARTICLES[short].read_text(encoding="utf-8").split("\n")[number - 1]


def _text(short: str, line: str) -> str:
    """A one-paragraph article made of one line of an excerpt (a title first, as every article has)."""
    return "عنوان\n" + line + "\n"


def _drafted(sentence: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A one-sentence article (after a title) drafted with an empty registry, and its entities' names."""
    draft = extract_text("عنوان\n" + sentence + "\n", "0" * 16, Registry())
    return draft, _names(draft)


def _by_exact(records: list[dict[str, Any]], start: str) -> dict[str, Any]:
    return next(r for r in records if r["exact"].startswith(start))


def _names(draft: dict[str, Any]) -> dict[str, str]:
    return {e["entity_id"]: e["names_ar"][0] for e in draft["entities"]}


# ------------------------------------------------------------------ speakers by context


def test_a_mayor_named_with_his_title_says_his_quotations() -> None:
    """Excerpt 8231: وصرح رئيس بلدية هيروشيما كازومي ماتسوي بعد دقيقة صمت «...»: the registry name after the title."""
    quote = _by_exact(_draft("8231")["quotations"], "من أجل التعايش")
    assert quote["speaker_ids"] == ["kazumi-matsui"] and quote["cue"] == "وصرح"
    # Without the registry: a new person named as written, the office as role, no romanised id or name.
    draft = extract_text(_text("8231", _line("8231", 2)), "82316c837cab7b59", Registry())
    person = next(e for e in draft["entities"] if e["kind"] == "person")
    assert person["names_ar"] == ["كازومي ماتسوي"] and person["role"] == "Mayor"
    assert person["name_en"] == "[English name needed]" and person["entity_id"] == "draft-82316c837cab7b59-person-1"
    assert draft["quotations"][0]["speaker_ids"] == [person["entity_id"]]


def test_the_speaker_carries_over_through_wa_adafa() -> None:
    """Excerpt 340b: ونفى بيكس ... وقال: إن ... / وأضاف: «...»: the quote in the next paragraph is Bix's."""
    draft = _draft("340b")
    names = _names(draft)
    bix = next(e for e, name in names.items() if name.split()[-1] == "بيكس")  # (هربرت بيكس once وتحدث introduces him)
    quote = _by_exact(draft["quotations"], "منذ اللحظة")
    assert quote["speaker_ids"] == [bix] and quote["cue"] == "وأضاف"


def test_a_minister_is_not_the_minister_quoted_before() -> None:
    """Excerpt 8231: after Yoshioka's quotes, وسئل كيري ... . وصرح: «...» is Kerry's (the subject that opened the
    sentence before), and ورد آبي: «...» is Abe's, not the last speaker's."""
    draft = _draft("8231")
    assert _by_exact(draft["quotations"], "لا حاجة للتأكيد")["speaker_ids"] == ["john-kerry"]
    assert _by_exact(draft["quotations"], "إن التزامنا")["speaker_ids"] == ["shinzo-abe"]
    # A quote with no cue, after a noun of speaking that names its speaker (تعليق وزير الخارجية جون كيري «...»).
    assert _by_exact(draft["quotations"], "يلقي الضوء")["speaker_ids"] == ["john-kerry"]


def test_a_title_alone_resolves_with_its_country_to_the_holder_the_article_names() -> None:
    """Excerpt de1c: رئيس وزراء اليابان يدافع ... (an item headline) and 8231: وأضاف رئيس الوزراء أن بلاده «...»."""
    statement = _by_exact(_draft("de1c")["statements"], "تشريعات أمنية")
    assert statement["speaker_ids"] == ["shinzo-abe"] and statement["cue"] == "يدافع"
    quote = _by_exact(_draft("8231")["quotations"], "ستطرح مشروع قرار")
    assert quote["speaker_ids"] == ["shinzo-abe"] and quote["cue"] == "وأضاف"


def test_an_office_with_its_country_is_never_the_country() -> None:
    """The ambassador and the country he criticises: the office phrase (السفيرة الأميركية في اليابان, excerpt 8231)
    is read whole, and a state after a definite office is its object, not the speaker."""
    registry = _registry()
    draft = extract_text("عنوان\nوانتقد السفير الصيني اليابان بشدة، وقال إن طوكيو تتجاهل التاريخ.\n", "0" * 16, registry)
    statements = draft["statements"]
    assert statements and all(s["speaker_ids"] != ["JPN"] for s in statements)  # (a variant: no dev text has it)
    entity = next(e for e in draft["entities"] if e["entity_id"] == statements[0]["speaker_ids"][0])
    assert entity["kind"] == "unknown" and entity["names_ar"] == ["السفير الصيني"]
    assert entity["name_en"] == "Ambassador of China" and entity["affiliation_id"] == "CHN"
    from jsec_data.core.text import normalize_for_matching
    from jsec_data.extract.people import parse_phrase

    words = normalize_for_matching("السفيرة الأميركية في اليابان كارولاين كينيدي ونائبة").split()  # 8231 line 6
    phrase = parse_phrase(words)
    assert phrase.office is not None and phrase.office.en == "Ambassador" and phrase.country is not None
    assert phrase.country.entity_id == "USA" and [words[a:b] for a, b in phrase.names] == [["كارولاين", "كينيدي"]]


def test_a_foreign_ministry_is_resolved_by_its_country_never_by_a_generic_alias() -> None:
    """The registry of the fixture gives us-department-of-state the alias وزارة الخارجية, which names every
    country's ministry: it is never used. Seed e9c5 line 35 resolves by the sentence's minister (وزير الخارجية
    الأمريكي); a variant with China's ministry gets a new body affiliated to China, not the US one."""
    registry = _registry()
    line = (ROOT / "raw" / "articles" / "004_e9c5731a151683e9.txt").read_text(encoding="utf-8").split("\n")[34]
    assert line.startswith("وقالت وزارة الخارجية في بيان")
    draft = extract_text("عنوان\n" + line + "\n", "e9c5731a151683e9", registry)
    assert draft["quotations"][0]["speaker_ids"] == ["us-department-of-state"]
    variant = extract_text("عنوان\nوقالت وزارة الخارجية الصينية في بيان إن بكين \"ترفض التدخل في شؤونها\".\n", "0" * 16,
                           registry)
    speaker = variant["quotations"][0]["speaker_ids"][0]
    assert speaker != "us-department-of-state"
    body = next(e for e in variant["entities"] if e["entity_id"] == speaker)
    assert body["kind"] == "organization" and body["affiliation_id"] == "CHN"
    assert body["name_en"] == "Ministry of Foreign Affairs of China" and body["names_ar"] == ["وزارة الخارجية الصينية"]


def test_a_definite_description_takes_up_the_entity_named_before() -> None:
    """Excerpt de1c: قال مصدر مقرب من التحقيقات إن «...» / لكن المصدر، الذي طلب عدم الكشف عن هويته، قال إنه «...»."""
    draft = _draft("de1c")
    for start in ("الدعاية التي", "لم يتضح"):
        assert _by_exact(draft["quotations"], start)["speaker_ids"] == ["source-close-to-the-chattanooga-investigation"]
    assert not [e for e in draft["entities"] if e["names_ar"][0] in ("عدم", "مقرب")]  # no common noun as a person
    # وتابعت الوثائق ... وأضافت «...» (excerpt 4bfd): the documents named before, carried over.
    docs = _draft("4bfd")
    speakers = {tuple(q["speaker_ids"]) for q in docs["quotations"]}
    assert len(speakers) == 1 and _names(docs)[next(iter(speakers))[0]] == "وثائق نشرها موقع ويكيليكس"


# ------------------------------------------------------------------ new entities


def test_new_entities_are_named_as_written_never_romanised() -> None:
    """Excerpt 4bfd: ويكيليكس (a name that starts with و) stays whole; no id or English name spells the Arabic
    letter by letter (issue 18: "Ykylyks Jwlyan Asanj Anna", "Mwq", "Dhlk Sraha")."""
    draft = extract_text(ARTICLES["4bfd"].read_text(encoding="utf-8"), "4bfdfc64d551ace8", Registry())
    names = [e["names_ar"][0] for e in draft["entities"]]
    assert "ويكيليكس" in names and not any(name.startswith("يكيليكس") for name in names)
    assert all(e["name_en"] == "[English name needed]" or re.fullmatch(r"[A-Z][\w' ]+", e["name_en"]) for e in
               draft["entities"])
    assert not any(slug in e["entity_id"] for e in draft["entities"] for slug in ("ykylyks", "mwq", "wthayq"))
    # لم يتم ذكر ذلك صراحة (excerpt 7a91): a verbal noun after يتم is no cue, and ذلك صراحة no person.
    plain = extract_text(ARTICLES["7a91"].read_text(encoding="utf-8"), "7a91b822324bf74c", Registry())
    assert not [e for e in plain["entities"] if "ذلك" in e["names_ar"][0] or "كانت" in e["names_ar"][0]]


def test_registry_names_after_a_title_and_adverbs_after_a_name() -> None:
    """Excerpt 8231: وصرح آبي مخاطبًا الحشد: «...» names Abe, not a person called "آبي مخاطبًا"."""
    draft = extract_text(_text("8231", _line("8231", 4)), "82316c837cab7b59", Registry())
    assert [e["names_ar"] for e in draft["entities"]] == [["آبي"]]


# ------------------------------------------------------------------ names in quote marks


def test_names_of_agencies_papers_sites_and_programmes_in_quote_marks_are_not_quotations() -> None:
    """وكالة «كيودو» للأنباء (de1c), «إن إس يو» (de1c), من طراز «بي - 29» أطلق عليها اسم «إينولا غاي» (8231, in the
    full article), كتاب «هيروهيتو وصناعة اليابان الحديثة» (340b)."""
    quoted = {q["exact"] for short in ("de1c", "8231", "340b") for q in _draft(short)["quotations"]}
    assert not quoted & {"كيودو", "إن إس يو", "هيروهيتو وصناعة اليابان الحديثة"}
    line = "وفي الساعة 8.15 صباحًا بالتوقيت المحلي، قرعت شابة وتلميذ جرسًا كبيرًا تمامًا في الوقت نفسه الذي ألقت فيه " \
           "قاذفة أميركية من طراز «بي - 29» أطلق عليها اسم «إينولا غاي» من على علو مرتفع قنبلة يورانيوم على المدينة."
    assert extract_text("عنوان\n" + line + "\n", "0" * 16)["quotations"] == []  # (8231 line 3, abridged)


def test_an_unclosed_quote_does_not_keep_its_full_stop() -> None:
    """Seed f463 line 13: “الصين تدعم جهود روسيا. وقال روته ...: the quote ends before the full stop."""
    line = (ROOT / "raw" / "articles" / "000_f4631beb2d4bc712.txt").read_text(encoding="utf-8").split("\n")[12]
    draft = extract_text("عنوان\n" + line + "\n", "f4631beb2d4bc712", read_registry(ROOT / "raw")[0])
    assert draft["quotations"][0]["exact"] == "الصين تدعم جهود روسيا"
    unclosed = extract_text("عنوان\nوقال الوزير: «سنواصل العمل معا.\n", "0" * 16)
    assert unclosed["quotations"][0]["exact"] == "سنواصل العمل معا"


# ------------------------------------------------------------------ statements


def test_indirect_speech_is_drafted_with_speaker_cue_mode_and_content() -> None:
    """Excerpts de1c (قال آبي: «...»، مؤكدًا أن ...; فأجاب أن), 8231 (وتابع كيري أن ...; وأكد كيري على أهمية ...),
    7a91 (فاناباشي، رئيس ...، يقول إن ...; but قد يقول المرء is no report)."""
    de1c = {s["exact"]: s for s in _draft("de1c")["statements"]}
    assert de1c["التشريع سيقلص خطر الحرب ولن يزيده"]["cue"] == "مؤكدًا"
    assert de1c["التشريع سيقلص خطر الحرب ولن يزيده"]["speaker_ids"] == ["shinzo-abe"]
    assert de1c["الأجواء الأمنية تتدهور"]["cue"] == "فأجاب"
    kerry = _by_exact(_draft("8231")["statements"], "الذكرى تؤكد")
    assert kerry["cue"] == "وتابع" and kerry["mode"] == "indirect" and kerry["speaker_ids"] == ["john-kerry"]
    assert not [s for s in _draft("8231")["statements"] if s["cue"] == "تؤكد"]  # a verb inside the content
    funabashi = _draft("7a91")["statements"]
    assert [(s["exact"], s["speaker_ids"], s["cue"]) for s in funabashi] == [
        ("الإدارة تعثّرت في التفاصيل وفشلت في إقامة حجة عاطفية", ["yoichi-funabashi"], "يقول")]


def test_attributions_and_headline_labels_are_statements() -> None:
    """Excerpt 4bfd: ويكيليكس: اليابان ... (a label, cue null); ... كورودا، بحسب ويكيليكس (the clause after حيث);
    وتعود ... التي بدأت في 2006 بحسب ويكيليكس."""
    draft = _draft("4bfd")
    label = _by_exact(draft["statements"], "اليابان آخر ضحايا")
    assert label["cue"] is None and _names(draft)[label["speaker_ids"][0]] == "ويكيليكس"
    according = [s for s in draft["statements"] if s["cue"] == "بحسب"]
    assert [s["exact"][:20] for s in according] == ["لم تتم الإشارة تحديد", "وتعود أنشطة التجسس ع"]
    assert all(s["speaker_ids"] == label["speaker_ids"] for s in according)


def test_every_quotation_is_linked_to_a_statement_that_holds_it() -> None:
    """Excerpt 8231: وأضاف رئيس الوزراء أن بلاده «...» is a mixed statement holding a fragment; quotes after a colon
    are direct statements of their own."""
    for short in ARTICLES:
        draft = _draft(short)
        text = ARTICLES[short].read_text(encoding="utf-8")
        statements = {s["id"]: s for s in draft["statements"]}
        for quote in draft["quotations"]:
            statement = statements[quote["statement_id"]]
            assert quote["exact"] in statement["exact"], (short, quote["id"])
            assert statement["mode"] in ("direct", "mixed")
        assert [s["id"] for s in draft["statements"]] == [f"s{i}" for i in range(1, len(statements) + 1)]
        assert all(text.find(s["exact"]) >= 0 for s in draft["statements"])
    mixed = _by_exact(_draft("8231")["statements"], "بلاده «ستطرح")
    assert mixed["mode"] == "mixed" and mixed["cue"] == "وأضاف"


# ------------------------------------------------------------------ agreements


def test_bare_heads_take_up_the_agreement_named_before_or_stay_unlinked() -> None:
    """Excerpt 7a91: التحالف العسكري في اليابان مع الولايات المتحدة, then المعاهدة الأمنية بين الولايات المتحدة
    واليابان: the US-Japan treaty; اتفاقية الشراكة عبر المحيط الهادي is the TPP by its registry name, and
    no generic الشراكة is drafted. Excerpt 8231: الاتفاق with no agreement named before it is left unlinked."""
    mentions = [(m["exact"], m["agreement_id"]) for m in _draft("7a91")["agreement_mentions"]]
    assert mentions == [("التحالف العسكري في اليابان مع الولايات المتحدة", "jpn-usa-security-treaty"),
                        ("المعاهدة الأمنية بين الولايات المتحدة واليابان", "jpn-usa-security-treaty"),
                        ("اتفاقية الشراكة عبر المحيط الهادي", "tpp")]
    draft = _draft("8231")
    assert draft["agreement_mentions"] == [] and "الاتفاق" in draft["notes"]
    # Seed 2180 line 11: تحالفها مع الولايات المتحدة، حليفتها الوحيدة في المعاهدة: the bare المعاهدة is that treaty.
    line = (ROOT / "raw" / "articles" / "003_21805d7ab441cd75.txt").read_text(encoding="utf-8").split("\n")[10]
    seed = extract_text("عنوان\n" + line + "\n", "21805d7ab441cd75", _registry())
    assert [m["agreement_id"] for m in seed["agreement_mentions"]] == ["jpn-usa-security-treaty"] * 2
    generic = extract_text("عنوان\nوقال: \"لا يوجد سوى ترياق واحد، وهو الشراكات بين الأصدقاء\". ونريد الشراكة.\n", "0" * 16,
                           _registry())  # seed 2180 line 5, abridged: a general plural and a bare الشراكة
    assert generic["agreement_mentions"] == [] and generic["agreements"] == []


# ------------------------------------------------------------------ many drafts


def test_drafts_of_many_articles_validate_together(tmp_path: Path) -> None:
    """Five excerpts drafted with no registry at all: each declares what it proposes under its own article's
    namespace, so all the drafts pass ``jsec validate`` together (not one declares jpn-other or unknown-speaker)."""
    import shutil

    from jsec_data.validate import validate_paths

    raw = tmp_path / "raw"
    shutil.copytree(REAL, raw)
    for name in ("entities.yaml", "agreements.yaml"):
        (raw / name).write_text(f"{name.split('.')[0]}: []\n", encoding="utf-8")
    (raw / "annotations").mkdir()
    declared: list[str] = []
    for article in sorted((raw / "articles").glob("*.txt")):
        draft = extract_file(article, raw)
        assert draft.data is not None
        declared += [e["entity_id"] for e in draft.data["entities"]] + [a["agreement_id"] for a in draft.data["agreements"]]
        (raw / "annotations" / f"{draft.article_id}.yaml").write_text(draft.to_yaml(), encoding="utf-8")
    assert len(declared) == len(set(declared)) and all(i.startswith("draft-") for i in declared)
    report = validate_paths([raw], raw)
    assert report.ok(), [i.format() for i in report.errors]


# ------------------------------------------------------------------ names in quote marks

# Asharq Al-Awsat, "موجز أخبار", 2015-07-21 (SaudiNewsNet, http://aawsat.com/home/article/410611,
# CC BY-NC-SA 4.0): a news brief opens with its dateline and the paper's credit in «».
BRIEF = ("* أثينا - «الشرق الأوسط»: أعلنت إدارة مكافحة الحرائق في اليونان أمس السيطرة على حرائق غابات أسفرت "
         "عن مقتل شرطي وتدمير عدد من المنازل.")


def test_a_briefs_dateline_credit_and_a_list_items_name_are_not_quotations() -> None:
    for line in (BRIEF, "- «المتاهة»: بنيت للملك ويليام الثالث في عام 1700."):
        draft = extract_text("عنوان\n" + line + "\n", "0" * 16, Registry())
        assert draft["quotations"] == []


def test_a_quote_after_a_dateline_credit_is_still_a_quotation() -> None:
    said = BRIEF + " وقال المتحدث باسم الإطفاء: «السيطرة تامة على الحرائق»."
    draft = extract_text("عنوان\n" + said + "\n", "0" * 16, Registry())
    assert [q["exact"] for q in draft["quotations"]] == ["السيطرة تامة على الحرائق"]


# Sentences of SaudiNewsNet articles outside raw/ and the held-out splits (Mazen A. Alhagri, 2015,
# CC BY-NC-SA 4.0; each belongs to its newspaper): the dev study of quoted names and terms.
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/403586
CAR_MAKERS = ("وتأخرت «فورد» عن منافسيها في سوق السيارات وعلى رأسهم «جنرال موتورز» و«فولكس فاغن» و«أودي» "
              "و«دايملر» و«مرسيدس بنز» و«تيسلا موتورز» التي أعلنت جميعا خططا لطرح أنظمة شبيهة بالقيادة الذاتية.")
# Okaz 2015-07-22, http://www.okaz.com.sa/new/Issues/20150722/Con20150722785020.htm
CUSTOMS = ("وذكر مدير الجمرك «عصام أنور» أنه أثناء إنهاء إجراءات جمارك ركاب رحلة مصر للطيران القادمة من الرياض "
           "اشتبه أفراد الجمارك في أحد المسافرين.")
# Asharq Al-Awsat 2015-08-09, http://aawsat.com/home/article/425561
PESHMERGA = ("من جهته، قال القيادي في الاتحاد الوطني الكردستاني، وأحد قادة قوات البيشمركة، مصطفى جاورش، لـ«الشرق الأوسط»، "
             "إن «الأوضاع المعيشية الصعبة التي يعيشها مواطنو الإقليم دفعت بقوات البيشمركة إلى توجيه هذه الرسالة».")
# Asharq Al-Awsat 2015-07-24, http://aawsat.com/home/article/413856 and /413321; 2015-08-07, /424421
MOGHERINI = ("كما ستتوجه موغيريني الثلاثاء إلى إيران، حيث ستلتقي وزير الخارجية محمد جواد ظريف، وستتناول محادثاتها "
             "بصورة خاصة عملية تطبيق الاتفاق التي ستواصل «لعب دور تنسيقي فيها»، بحسب البيان.")
TSIPRAS = ("ودعا تسيبراس خلال نقاش استمر أكثر من خمس ساعات في مجلس النواب وانتهى قرابة الساعة 04.00 (01.00 تغ) "
           "النواب إلى «التكيف مع الواقع الجديد» وإلى التصويت على الشق الثاني من الإجراءات.")
PARIS = ("ورغم كل هذه التأكيدات التزمت نيابة باريس التي تشارك في التحقيق بسبب وجود أربعة ركاب فرنسيين في الطائرة، "
         "الحذر مشيرة إلى «فرضيات قوية جدا»، بأنّ القطعة جاءت فعلا من طائرة البوينغ 777 الماليزية.")


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/350101 and /409006
MOON = ("* من بين الفرص الكبرى الأخرى المتاحة على سطح القمر الماء الذي يصفه جين بأنه «نفط اقتصاديات الفضاء»، "
        "مهمة العثور على ماء على سطح القمر الذي سيعد كشفا كبيرا.")
KENYA = ("وأكدت «ماما سارة» أنها لم تصب بخيبة الأمل بسبب الخبر، معتبرة أن باراك أوباما هو قبل أي شيء آخر «ضيف كينيا»، "
         "والرئيس أوهورو كنياتا.")


# Asharq Al-Awsat 2015-07-24, http://aawsat.com/home/article/413681 (an opinion column)
JAFARI = ("ظهر هذا جليًا في موقف الحرس الثوري الإيراني الذي اعتبر قائده الجنرال محمد علي جعفري أن قرار مجلس الأمن "
          "الذي تبنى الاتفاق «غير مقبول» وأن «بعض أجزاء المسودة تجاوزت بوضوح الخطوط الحمر للجمهورية الإسلامية».")


def _quoted(line: str) -> list[str]:
    return [q["exact"] for q in extract_text("عنوان\n" + line + "\n", "0" * 16, Registry())["quotations"]]


def test_names_in_a_sentence_that_reports_no_speech_are_not_quotations() -> None:
    """A list of company names in «»: the sentence's only verb (أعلنت) is in a relative clause about them."""
    assert _quoted(CAR_MAKERS) == []


def test_who_speaks_or_is_spoken_to_in_quote_marks_is_not_what_is_said() -> None:
    """«عصام أنور» before أنه is the speaker; لـ«الشرق الأوسط» the paper spoken to; the words after إن are the quotation."""
    assert _quoted(CUSTOMS) == []
    assert _quoted(PESHMERGA) == ["الأوضاع المعيشية الصعبة التي يعيشها مواطنو الإقليم دفعت بقوات البيشمركة إلى توجيه هذه الرسالة"]


def test_short_fragments_of_reported_words_stay_quotations() -> None:
    """Attributed by بحسب, the object of دعا across a time written 04.00, the object of مشيرة إلى,
    what someone calls a thing (يصفه جين بأنه «...»), a fragment after معتبرة أن."""
    assert _quoted(MOON) == ["نفط اقتصاديات الفضاء"]
    assert _quoted(KENYA) == ["ضيف كينيا"]  # «ماما سارة» before أنها لم is who speaks
    assert _quoted(MOGHERINI) == ["لعب دور تنسيقي فيها"]
    # A fragment followed by وأن and a second fragment: both what Jafari said, not a name before أن.
    assert _quoted(JAFARI) == ["غير مقبول", "بعض أجزاء المسودة تجاوزت بوضوح الخطوط الحمر للجمهورية الإسلامية"]
    assert _quoted(TSIPRAS) == ["التكيف مع الواقع الجديد"]
    assert _quoted(PARIS) == ["فرضيات قوية جدا"]


# ------------------------------------------------------------------ speakers on the second dev split (round 5)

DEV2 = ROOT / "benchmarks" / "data" / "dev2"  # SaudiNewsNet articles (CC BY-NC-SA 4.0); README there


def _dev2_speakers(article: str, paragraph: str, *, registry: bool = True) -> list[tuple[str, list[str]]]:
    """(statement, its speakers' Arabic names or ids) of one paragraph of a dev2 article, drafted alone."""
    text = next((DEV2 / "articles").glob(f"*_{article}*.txt")).read_text(encoding="utf-8")
    line = next(line for line in text.split("\n") if paragraph in line)
    draft = extract_text("عنوان\n" + line + "\n", "0" * 16, read_registry(DEV2)[0] if registry else Registry())
    names = _names(draft)
    return [(s["exact"], [names.get(i, i) for i in s["speaker_ids"]]) for s in draft["statements"]]


def _dev2_article(article: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A dev2 article drafted whole, with dev2's registry (its new people are declared in its own file)."""
    path = next((DEV2 / "articles").glob(f"*_{article}*.txt"))
    draft = extract_text(path.read_text(encoding="utf-8"), path.stem.split("_")[1], read_registry(DEV2)[0])
    return draft, _names(draft)


def test_an_opening_yudhkar_anna_is_the_reporters_and_the_clause_names_its_speaker() -> None:
    """Asharq Al-Awsat, Taliban talks: يذكر أن زعيم طالبان الملا محمد عمر أعلن عن دعمه ...: not a statement of
    the Afghan official quoted before (إسماعيل قاسم يار); its subject is named in the clause."""
    draft, names = _dev2_article("2717")
    said = _by_exact(draft["statements"], "دعمه لمحادثات السلام")
    assert said["speaker_ids"] and not any("قاسم" in names.get(i, i) for i in said["speaker_ids"])


def test_kana_then_a_name_then_the_verb_names_the_speaker() -> None:
    """Asharq Al-Awsat, Erdogan in Beijing: وكان إردوغان اتهم بكين ...: Erdogan, not أنقرة of the sentence before."""
    (_, speakers), *_ = [f for f in _dev2_speakers("3051", "وكان إردوغان اتهم", registry=False) if "بكين في العام" in f[0]]
    assert speakers == ["إردوغان"]


def test_a_preposition_with_a_pronoun_is_never_a_speaker() -> None:
    """Asharq Al-Awsat, trafficking report: بيانًا قالت فيه إن: not a person called فيه."""
    _, names = _dev2_article("5891")
    assert "فيه" not in names.values()


def test_condemning_and_hinting_are_reporting_verbs() -> None:
    """Asharq Al-Awsat, Erdogan in Beijing: ويندد الأويغور بالاضطهاد ...؛ ولمحت إلى أن بكين ستضغط ...: statements."""
    draft, _ = _dev2_article("3051")
    cues = {s["cue"] for s in draft["statements"]}
    assert {"ويندد", "ولمحت"} <= cues


# Al-Riyadh 2015-08-06, http://www.alriyadh.com/1070664 (SaudiNewsNet, CC BY-NC-SA 4.0), three of its
# paragraphs: a comma standing alone between a quoted letter and a relative pronoun before a cue.
LOGO = ("وصرح ديبي في مؤتمر صحفي إنه في حالة عدم حصوله على الرد، سيسعى لاستصدار أمر قضائي بمنع استخدام شعار المصمم "
        "الياباني كنجيرو سانو، وأضاف :\"هنا نقاط قد تبدو متشابهة، ولكن تصميمنا مختلف بشكل كلي.\" \n"
        "ويتضمن شعار سانو أشكالا هندسية تحيط بالحرف الأبجدي الإنجليزي \"تي\" ، الذي قال إنه جاء ليكون الحرف الأول من "
        "الأبجدية الإنجليزية لكلمات طوكيو وفريق وغدا، وقال سانو أيضا إنه أراد أن يتبع خطى شعار أولمبياد طوكيو 1964 ، الذي "
        "تضمن دائرة حمراء كبيرة تشير إلى العلم الياباني. \n"
        "وأوضح الفارق بين تصميمه وتصميم البلجيكي ديبي قائلا \"الشعار البلجيكي يتضمن حرفي \"تي\" و \"إل\" وهما أول حرفين "
        "من معنى جملة مسرح ليج بالإنجليزية، أما أنا فأردت إبراز حرف \"تي\" مع الاستدارة التي تضمنها شعار أولمبياد 1964.\" ")


def test_a_comma_standing_alone_before_a_relative_pronoun_is_never_a_speakers_name() -> None:
    """The drafter crashed here: a person proposed with an empty name (the comma's), then looked up by its first word."""
    draft = extract_text(LOGO + "\n", "0" * 16, Registry())
    assert all(entity["names_ar"] and all(name.strip() for name in entity["names_ar"]) for entity in draft["entities"])


def test_naqalat_an_someone_qawlahu_is_that_ones_quotation() -> None:
    """Asharq Al-Awsat, Erdogan in Beijing: ونقلت وكالة الصحافة الفرنسية عن إردوغان قوله: «...»: Erdogan's, not
    the agency's nor the last speaker's."""
    draft, names = _dev2_article("3051")
    quote = _by_exact(draft["quotations"], "في الوقت الحاضر")
    assert [names.get(i, i) for i in quote["speaker_ids"]] == ["إردوغان"]


def test_the_american_minister_is_the_secretary_of_state_named_before() -> None:
    """Al-Riyadh, Kerry in Doha and Cairo: وتابع الوزير الاميركي ...: the registry's Secretary of State."""
    text = next((DEV2 / "articles").glob("*_f743*.txt")).read_text(encoding="utf-8")
    draft = extract_text(text, "f7430146f33455ff", read_registry(DEV2)[0])
    said = _by_exact(draft["statements"], "الولايات المتحدة ومصر تقران")
    assert said["speaker_ids"] == ["john-kerry"]
    agreed = _by_exact(draft["statements"], "بمجرد تطبيق الاتفاق")  # (after إلى أنه: the clause)
    assert "john-kerry" in agreed["speaker_ids"] and not any("نظراؤه" in n for n in _names(draft).values())


# ------------------------------------------------------------------ speakers the registry lacks (a new contributor's view)


def _seed_draft_without(article: str, *withheld: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A seed article of raw/ drafted with the registry minus ``withheld`` (as a contributor adding it would have it)."""
    from dataclasses import replace

    registry = read_registry(ROOT / "raw")[0]
    assert set(withheld) <= set(registry.entities)
    registry = replace(registry, entities={k: v for k, v in registry.entities.items() if k not in withheld})
    path = next((ROOT / "raw" / "articles").glob(f"*_{article}.txt"))
    draft = extract_text(path.read_text(encoding="utf-8"), article, registry)
    return draft, {e["entity_id"]: e["names_ar"] for e in draft["entities"]}


def test_a_name_after_an_office_with_an_attached_bi_party_is_the_speaker() -> None:
    """Seed 2180: وقال منسق السياسة الخارجية بالاتحاد الأوروبي جوزيب بوريل ...: the name, not the office."""
    draft, names = _seed_draft_without("21805d7ab441cd75", "josep-borrell")
    quote = _by_exact(draft["quotations"], "نحن نعيش في عالم خطير")
    (speaker,) = quote["speaker_ids"]
    assert names[speaker][0] == "جوزيب بوريل"
    assert next(e for e in draft["entities"] if e["entity_id"] == speaker)["affiliation_id"] == "EU"


def test_an_office_alone_is_the_person_the_article_names_in_it_elsewhere() -> None:
    """Seed f463: ... مع الأمين العام لحلف الناتو مارك روته ... then «الصين تدعم جهود روسيا» said by the Secretary General;
    and the headline's وزير الدفاع الياباني is the minister named later (one proposal each, no office left as a speaker)."""
    draft, names = _seed_draft_without("f4631beb2d4bc712", "mark-rutte", "gen-nakatani")
    rutte = [e for e, n in names.items() if "مارك روته" in n]
    assert len(rutte) == 1
    for record in draft["quotations"]:
        if record["exact"].startswith("الصين تدعم جهود روسيا"):
            assert record["speaker_ids"] == rutte
    headline = _by_exact(draft["statements"], "أهمية مواجهة التحديات")
    assert [names[s][0] for s in headline["speaker_ids"]] in (["ناكاتاني"], ["جين ناكاتاني"])
    assert not [e for e in draft["entities"] if e["kind"] == "unknown" and e.get("role")]


def test_a_surname_then_its_object_is_not_one_name() -> None:
    """Seed f463: وأخبر روته ناكاتاني أنه ...: Rutte told Nakatani; «روته ناكاتاني» is no one's name."""
    draft, names = _seed_draft_without("f4631beb2d4bc712", "mark-rutte", "gen-nakatani")
    assert not any("روته ناكاتاني" in n for n in names.values())
    told = _by_exact(draft["statements"], "يأمل في تعميق العلاقات")
    assert [names[s] for s in told["speaker_ids"]] == [next(n for n in names.values() if "روته" in n[0])]


def test_the_antecedent_of_a_relative_pronoun_is_the_speaker_even_if_new() -> None:
    """Excerpt 8231: لم تطمئن يوشيوكا الذي صرح للصحافة ...: «...» is Yoshioka's, not the prime minister's quoted before."""
    draft = extract_text(_text("8231", _line("8231", 8)), "82316c837cab7b59", Registry())
    quote = _by_exact(draft["quotations"], "لا يمكننا تحمل ذلك")
    assert [_names(draft)[s] for s in quote["speaker_ids"]] == ["يوشيوكا"]


def test_a_nisba_plural_subject_is_a_group_that_speaks() -> None:
    """Al-Eqtisadiya, Kerry before the Senate: حيث قال الجمهوريون إن مفاوضي طهران "نتفوه" و"خدعوه": the
    Republicans', drafted as a group, not the last speaker's (Kerry) nor unknown."""
    draft, names = _dev2_article("73ff")
    for start in ("نتفوه", "خدعوه"):
        quote = _by_exact(draft["quotations"], start)
        assert [names.get(i, i) for i in quote["speaker_ids"]] == ["الجمهوريون"]


def test_a_nisba_plural_after_a_verb_in_the_accusative_is_its_object() -> None:
    """A variant of the same sentence: دعا الصحافيين الروس إلى ... (the -يين form is an object, not a subject)."""
    draft = extract_text("عنوان\nوقال بيسكوف إن الطرد غير مشروع. ودعا الصحافيين الروس إلى توخي الحذر.\n", "0" * 16, Registry())
    assert "الصحافيين الروس" not in _names(draft).values()


def test_a_day_after_a_description_ends_it() -> None:
    """Al-Yaum (AFP), MH17 tribunal: على صعيد آخر، قال دبلوماسيون غربيون الجمعة ان روسيا ...: the speaker is
    "دبلوماسيون غربيون", not "... الجمعة"; and a time after an office is not its holder's name (variant)."""
    speakers = _dev2_speakers("4e33", "قال دبلوماسيون غربيون الجمعة")
    assert [names for _, names in speakers] == [["دبلوماسيون غربيون"]]
    draft = extract_text("عنوان\nوقال المتحدث باسم البنتاغون مساء الأربعاء إن التدريب سيستمر.\n", "0" * 16, _registry())
    statement = draft["statements"][0]
    assert statement["speaker_ids"] == ["us-department-of-defense"] or all(
        "مساء" not in name for name in _names(draft).values())


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/409021/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
BLINKEN = ("وخلال زيارته إلى أبوجا الأسبوع الماضي، دعا مساعد وزير الخارجية الأميركي أنطوني بلينكن إلى «طريقة تعامل "
           "شاملة» ضد «بوكو حرام»، «تشارك فيها المنطقة بأكملها، ولا تقتصر فقط على رد أمني عسكري كبير».")


def test_a_registry_name_in_quote_marks_is_not_a_quotation_and_speech_after_it_still_is() -> None:
    draft = extract_text("عنوان\n" + BLINKEN + "\n", "0" * 16, _registry_with_boko_haram())
    quoted = [q["exact"] for q in draft["quotations"]]
    assert "بوكو حرام" not in quoted
    assert any(q.startswith("تشارك فيها المنطقة") for q in quoted) and "طريقة تعامل شاملة" in quoted


def test_an_assistant_to_an_office_is_read_as_one_description() -> None:
    """مساعد وزير الخارجية الأميركي: the speaker is described by the whole phrase, not the bare word مساعد."""
    draft, names = _drafted(BLINKEN)
    speakers = {names.get(i, i) for q in draft["quotations"] for i in q["speaker_ids"]}
    assert "مساعد" not in speakers and speakers


def _registry_with_boko_haram() -> Registry:
    return Registry(entities={"boko-haram": EntityRecord(entity_id="boko-haram", kind="organization", name_en="Boko Haram",
                                                         names_ar=["بوكو حرام"])})


def test_the_subject_of_a_kana_qad_clause_before_the_cue_speaks() -> None:
    """Al-Eqtisadiya, Kerry before the Senate: ... للمرة الأولى أمس، وكان مسؤولون في واشنطن قد صرحوا بأن ...:
    the officials, not the last speaker named; قد is never part of a name."""
    speakers = dict(_dev2_speakers("73ff", "وكان مسؤولون في واشنطن قد صرحوا"))
    assert next(names for exact, names in speakers.items() if exact.startswith("تركيا وافقت")) == ["مسؤولون في واشنطن"]


def test_a_leader_is_a_description_not_a_name() -> None:
    """Asharq Al-Awsat, Taliban talks: وأكد الزعيم الغامض للحركة الذي يلقبه أعضاء طالبان بـ«أمير المؤمنين» أنه «...»:
    the leader speaks (described), not the capitals named in the paragraph before."""
    draft, names = _dev2_article("2717")
    quote = _by_exact(draft["quotations"], "بموازاة")
    assert [names.get(i, i) for i in quote["speaker_ids"]] == ["الزعيم الغامض"]


def test_a_name_with_lam_attached_after_the_verb_is_the_one_spoken_to() -> None:
    """Asharq Al-Awsat, Erdogan in Beijing: ... إلى أن إردوغان قال لشي بأن تركيا أيضا ضحية للإرهاب: Xi is
    spoken to (ل attached), Erdogan, the noun of أن before the verb, speaks."""
    draft, names = _dev2_article("3051")
    said = _by_exact(draft["statements"], "تركيا أيضا ضحية")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["إردوغان"]


def test_the_noun_of_anna_before_a_verb_of_saying_is_its_subject() -> None:
    """Asharq Al-Awsat, Erdogan in Beijing: ونقلت وكالة «رويترز» عن تشانغ أن إردوغان أبلغ شي أن ...: what follows
    أبلغ is its object; the Erdogan the article named before speaks, not Xi (a registry name)."""
    draft, names = _dev2_article("3051")
    said = _by_exact(draft["statements"], "تركيا تعتبر حركة")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["إردوغان"]


def test_a_noun_before_a_verb_that_is_also_an_action_is_not_made_its_speaker() -> None:
    """A variant of an Asharq Al-Awsat sentence (Fernandez leaves the State Department): in «أعرب عن رأيه بأن
    الولايات المتحدة كشفت عن «صلف وغطرسة شديدين»» the quoted words are his, not the United States'
    (كشف is an action there, not a verb of saying)."""
    registry = Registry(entities={"USA": EntityRecord(entity_id="USA", kind="state", name_en="United States",
                                                      names_ar=["الولايات المتحدة"])})
    text = ("عنوان\nوقال فرنانديز في عام 2006، في إحدى المقابلات، بأن الولايات المتحدة كشفت عن «صلف وغطرسة شديدين» "
            "في العراق.\n")
    draft = extract_text(text, "0" * 16, registry)
    assert all("USA" not in q["speaker_ids"] for q in draft["quotations"])


def test_a_body_named_in_quote_marks_after_its_kind_is_the_speaker() -> None:
    """Asharq Al-Awsat, Erdogan in Beijing: وكتبت صحيفة «تشاينا ديلي» الحكومية الصينية أمس أن «...»: the paper
    speaks under its name, not as «صحيفة»; the next «ولمحت» carries it over."""
    said = dict(_dev2_speakers("3051", "وكتبت صحيفة «تشاينا ديلي»", registry=False))
    assert next(names for exact, names in said.items() if "مسألة الأويغور" in exact) == ["تشاينا ديلي"]
    assert next(names for exact, names in said.items() if exact.startswith(("أن بكين", "بكين ستضغط"))) == ["تشاينا ديلي"]


# Al-Eqtisadiya 2015-08-05, http://www.aleqt.com/2015/08/05/article_979192.html (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
TALAL = "وقال الشيخ طلال الفهد رئيس الاتحاد إن بلاده ستكون مستعدة في كانون الأول (ديسمبر) 2016 أو كانون الثاني (يناير) 2017."


def test_sheikh_is_an_honorific_before_a_name() -> None:
    """الشيخ, like السيد, leads to a name: the speaker is named طلال ..., not «unknown» or the title."""
    draft, names = _drafted(TALAL)
    (said,) = draft["statements"]
    assert [names[i].split()[0] for i in said["speaker_ids"]] == ["طلال"]


def test_a_definite_office_after_a_description_closes_its_construct() -> None:
    """Al-Yaum (dev2, MH17 tribunal): وقال مساعد الناطق باسم وزارة الخارجية الامريكية مارك تونر «...»: الناطق is
    مساعد's genitive, so مارك is not a second one; the description ends before the name, which is its holder's."""
    draft, names = _dev2_article("4e33")
    quote = _by_exact(draft["quotations"], "سيكون تدريبا")
    assert [names.get(i, i) for i in quote["speaker_ids"]] == ["مارك تونر"]


def test_a_family_name_with_al_ends_a_new_persons_name() -> None:
    """The sentence above: the speaker is طلال الفهد, and what he said is not his family name."""
    draft, names = _drafted(TALAL)
    (said,) = draft["statements"]
    assert [names[i] for i in said["speaker_ids"]] == ["طلال الفهد"] and said["exact"].startswith("بلاده")


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/411296/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
NETANYAHU = ("وأدان رئيس الوزراء الإسرائيلي بنيامين نتنياهو الاتفاق مع إيران، مشيرا إلى أنه غير كافٍ لمنع طهران من حيازة "
             "أسلحة نووية قد تستخدمها ضد إسرائيل.")


def test_a_definite_object_after_a_name_is_not_a_family_name() -> None:
    """أدان نتنياهو الاتفاق مع إيران: الاتفاق, before مع, is what he condemned, not part of his name."""
    draft, names = _drafted(NETANYAHU)
    condemned = _by_exact(draft["statements"], "الاتفاق مع إيران")
    assert [names[i] for i in condemned["speaker_ids"]] == ["بنيامين نتنياهو"]


def test_a_column_name_before_a_colon_is_no_speaker() -> None:
    """Asharq Al-Awsat 2015-07-21, a column's title (http://aawsat.com/home/article/411136/): رحالة الصيف: الأمين عند
    الإمام is the column's name and the piece's title, not a statement of a person called رحالة الصيف."""
    draft = extract_text("عنوان\nرحالة الصيف: الأمين عند الإمام\n", "0" * 16, Registry())
    assert draft["statements"] == []


# Al-Riyadh 2015-08-06, http://www.alriyadh.com/1070562 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
HANAFI = ("أعلن الدكتور خالد حنفي وزير التموين والتجارة المصري أمس الثلاثاء أن بلاده تخطط لإقامة مدينة عالمية للذهب "
          "بمصر لمواكبة التطورات الحديثة في مجال صناعة الذهب.")
# Asharq Al-Awsat 2015-08-06, http://aawsat.com/home/article/422251/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
ABDELNOUR = "وأكد منير فخري عبد النور وزير الصناعة والتجارة على أهمية السوق الإماراتية والتي تتميز بإمكانات واعدة."


def test_a_title_in_apposition_after_the_speaker_is_not_what_he_said() -> None:
    """أعلن (a verb that may take a bare noun) ... خالد حنفي وزير التموين ... أن ...: the minister's title is his, what
    he announced is the clause after أن; أكد ... عبد النور وزير الصناعة والتجارة على أهمية ...: after على."""
    for sentence, content in ((HANAFI, "بلاده تخطط"), (ABDELNOUR, "أهمية السوق")):
        draft = extract_text("عنوان\n" + sentence + "\n", "0" * 16, Registry())
        assert [s["exact"][:len(content)] for s in draft["statements"]] == [content]


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/407011/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
HAMMAM = ("وأكد عبد اللطيف حمام مدير عام ديوان السياحة والصناعات التقليدية أن السلطات التونسية شرعت منذ هجوم متحف "
          "باردو الإرهابي قبل 3 أشهر في اعتماد «مخططات حماية أمنية إضافية» للمؤسسات الثقافية والسياحية.")
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/406996/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
PARTICIPANT = ("كما وصف أحد المشاركين من مصراتة، وهو النائب فتحي باشاغا، توقيع المسودة بأنه إنجاز وطني يجدر الاحتفاء به، "
               "من أجل الوصول لاتفاق نهائي وتشكيل حكومة وفاق.")


def test_abd_and_a_divine_name_with_al_are_one_name() -> None:
    """عبد اللطيف حمام: عبد is never a name alone; the speaker is not «عبد», what he stressed not «اللطيف ...»."""
    draft, names = _drafted(HAMMAM)
    said = _by_exact(draft["statements"], "السلطات التونسية")
    assert [names[i] for i in said["speaker_ids"]] == ["عبد اللطيف حمام"]


def test_one_of_a_group_is_a_description() -> None:
    """أحد المشاركين (one of the participants) describes the speaker; أحد alone is no name."""
    draft, names = _drafted(PARTICIPANT)
    speakers = {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]}
    assert "أحد" not in speakers and any(name.startswith("أحد المشاركين") for name in speakers)


# Asharq Al-Awsat 2015-08-06, http://aawsat.com/home/article/422591/ (SaudiNewsNet, CC BY-NC-SA 4.0), two sentences, cut.
RAHMANI = ("من جانبه، اتهم تقي رحماني، زوج المحامية الإيرانية، الجهاز القضائي وقوات الأمن الإيرانية بإهمال حالة زوجته "
           "الصحية، وقال لموقع «الحملة الدولية لحقوق الإنسان» في إيران، إن زوجته «لا تواجه حكما قضائيا؛ بل تواجه موتا محتوما».")


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/409636/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
SAMARRAI = "الوكيل الاقتصادي لوزارة التجارة العراقية محمد السامرائي أكد أن «الهدف من مهرجان بغداد الأول للتسوق دعم معارض القطاع الخاص»."


def test_a_body_with_lam_attached_is_no_name_and_wakil_is_a_description() -> None:
    """الوكيل الاقتصادي لوزارة التجارة ...: «لوزارة» (of the ministry) was drafted as a person's name; الوكيل is
    an office-like description, as وكيل الوزارة, and the name that ends the long title, with its family name in ال,
    is the speaker (since round 42; it had been the description «الوكيل الاقتصادي»)."""
    draft, names = _drafted(SAMARRAI)
    speakers = {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]}
    assert speakers == {"محمد السامرائي"}


def test_a_kind_of_body_and_its_definite_name_are_one_organisation() -> None:
    """Asharq Al-Awsat (dev2, trafficking report): وتقول منظمة العمل الدولية إن «...»: the ILO speaks, drafted as the
    organisation منظمة العمل الدولية, not as a person called «منظمة»."""
    draft, names = _dev2_article("5891")
    quote = _by_exact(draft["quotations"], "الاتجار بالبشر يدر")
    (speaker,) = quote["speaker_ids"]
    kinds = {e["entity_id"]: e["kind"] for e in draft["entities"]}
    assert names.get(speaker) == "منظمة العمل الدولية" and kinds[speaker] == "organization"


def test_an_honorific_pronoun_after_the_cue_is_no_name() -> None:
    """Al-Eqtisadiya 2015-08-06 (http://www.aleqt.com/2015/08/06/article_979522.html, SaudiNewsNet, CC BY-NC-SA 4.0),
    shortened: وقال سماحته ...: "his eminence", the mufti named before, not a person called «سماحته»; what he said
    is what follows the pronoun."""
    text = ("عنوان\nواستنكر سماحة مفتي عام المملكة الشيخ عبدالعزيز آل الشيخ حادثة التفجير الغاشم.\n"
            "وقال سماحته في مداخلة مع قناة الإخبارية إن المصاب مصاب الجميع.\n")
    draft = extract_text(text, "0" * 16, Registry())
    names = _names(draft)
    said = _by_exact(draft["statements"], "المصاب")
    assert said["speaker_ids"] and all(names.get(i, i) != "سماحته" for i in said["speaker_ids"])


# Al-Eqtisadiya 2015-08-05, http://www.aleqt.com/2015/08/05/article_979137.html (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
POLICE = ("وفي وقت يواجه هذا البلد حملة غير مسبوقة من الهجمات الجهادية سيتم نشر عشرة آلاف شرطي عبر البلاد خلال مراسم "
          "التدشين، بحسب ما أفادت وكالة أنباء الشرق الأوسط.")


def test_the_source_of_bihasab_ma_is_after_its_verb() -> None:
    """بحسب ما أفادت وكالة أنباء الشرق الأوسط: the agency is the source, not «ما»; the clause before is what it said."""
    draft, names = _drafted(POLICE)
    (said,) = draft["statements"]
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["وكالة أنباء الشرق الأوسط"]
    assert said["exact"].startswith("وفي وقت") and said["cue"] == "بحسب"


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/411271/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
CITIZENS = "ويقول بعض المواطنين إن المسلحين الحوثيين أصبحوا يستفزونهم بكثرة مع زيادة ارتفاع درجة الحرارة."


# Al-Eqtisadiya 2015-07-21, http://www.aleqt.com/2015/07/21/article_974973.html (SaudiNewsNet, CC BY-NC-SA 4.0), one
# sentence, cut at its figure.
CABINET = "وفي مطلع الشهر الحالي، أشار مجلس الوزراء الصيني، إلى أن بلاده تخطط لإنفاق 250 مليار يوان."


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/410456/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
SULAMI = ("وقال الدكتور محمد السلمي، الباحث والكاتب السياسي: «نعلم أن الكل يدرك أن قوى الأمن الداخلي في السعودية على "
          "أعلى المستويات من الجاهزية».")


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/410796/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
TASNIM = ("وفي تطور لاحق، نقلت وكالة تسنيم الايرانية للانباء عن محمد علي جعفري قائد الحرس الثوري الايراني، قوله ان قرار "
          "مجلس الامن الدولي الذي جرى تمريره اليوم، ويقر الاتفاق النووي الايراني غير مقبول.")

# Al-Jazirah 2015-07-21, http://www.al-jazirah.com/2015/20150721/ln32.htm (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
PRINCE = "وأكد سمو الأمير فيصل بن خالد الجاهزية التامة لانطلاقة فعاليات مهرجان أبها يجمعنا المقرر له اليوم الثلاثاء."

# Al-Jazirah 2015-08-06, http://www.al-jazirah.com/2015/20150806/ln53.htm (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
LEAGUE = "ودعا معالي الأمين العام لرابطة العالم الإسلامي في ختام بيانه بأن يحفظ الله المملكة العربية السعودية قيادة وحكومة وشعبا."


# Asharq Al-Awsat 2015-07-31, http://aawsat.com/home/article/418276/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
INDONESIA = "وأشارت الحكومة التركية إلى أن إردوغان سيزور إندونيسيا بعد انتهاء زيارته إلى الصين."


@pytest.mark.parametrize("sentence", [INDONESIA, CABINET])
def test_after_ila_anna_the_content_is_the_clause_after_the_complementiser(sentence: str) -> None:
    """أشار إلى أن ...: what was said starts after أن and runs to the clause's end, as after قال إن (it started
    with أن and stopped at the first comma or clause word: «أن إردوغان سيزور إندونيسيا»)."""
    draft, _ = _drafted(sentence)
    (said,) = draft["statements"]
    clause = sentence.split(" أن ", 1)[1].rstrip(".")
    assert said["exact"] == clause


# Al-Jazirah 2015-08-05, http://www.al-jazirah.com/2015/20150805/du4.htm (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
OBSERVATORY = ("وقال مدير المرصد رامي عبد الرحمن لوكالة فرانس برس «خطفت جبهة النصرة يوم أمس الثلاثاء خمسة مقاتلين على "
               "الاقل من الفرقة 30 في قرية قاح الحدودية مع تركيا».")

# Okaz 2015-08-06, http://www.okaz.com.sa/new/Issues/20150806/Con20150806787890.htm (SaudiNewsNet, CC BY-NC-SA 4.0), one
# sentence.
TRUSS = ("وصرح نائب رئيس الوزراء الأسترالي وارن تراس الأربعاء أن «السلطات الماليزية والفرنسية قد تتمكن من إصدار إعلان "
         "رسمي حول مصدر هذا الجناح خلال الأسبوع الجاري».")


# Asharq Al-Awsat 2015-07-25, http://aawsat.com/home/article/414551/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
DELEGATION = ("وقال الوفد الأفغاني في المفاوضات في باكستان إن طالبان طرحت مسألة وجود الجنود الأجانب في أفغانستان "
              "وعقوبات الأمم المتحدة على قادتها، وأسرى الحرب.")


# Asharq Al-Awsat 2015-07-25, http://aawsat.com/home/article/414551/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
OMAR = "يذكر أن زعيم طالبان الملا محمد عمر أعلن عن دعمه لمحادثات السلام التي تجري بين الحركة والحكومة الأفغانية."

# Al-Watan 2015-08-04, http://www.alwatan.com.sa/Economy/News_Detail.aspx?ArticleID=230921&CategoryID=2 (SaudiNewsNet,
# CC BY-NC-SA 4.0), one sentence, cut.
ANAZI = 'طالب عضو مجلس الشورى الدكتور فهد العنزي بالتصدي لما أسماهم "المتحايلين" على قرار فرض ضرائب على الأراضي البيضاء.'


# Al-Riyadh 2015-07-26, http://www.alriyadh.com/1067916 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
ERDOGAN_FRIDAY = ("واكد اردوغان الجمعة ان تركيا سمحت للولايات المتحدة بشن غارات جوية على مواقع المتطرفين في سورية والعراق من "
                  "قواعدها بما فيها قاعدة انجرليك.")


# Al-Eqtisadiya 2015-07-23, http://www.aleqt.com/2015/07/23/article_975653.html (SaudiNewsNet, CC BY-NC-SA 4.0), two
# sentences of the article, each cut.
JUBEIR = ("قال وزير الخارجية السعودي عادل الجبير إن وفد حماس أدى العمرة فقط ولم يكن في زيارة رسمية للمملكة. "
          "وأكد الجبير إن السعودية متفقة مع الجانب المصري على أهمية حل الأزمة في سوريا وفقاً لمقررات جنيف.")


# Al-Riyadh 2015-07-27, http://www.alriyadh.com/1068131 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
HOPE = ("وأعرب نائب الأمين العام للجامعة العربية عن أمله في أن تكون هذه الهدنة بداية لجميع الأطراف لإعادة النظر في "
        "مواقفها.")

# Asharq Al-Awsat 2015-08-06, http://aawsat.com/home/article/422191/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
MOMANI = "وشدد المومني على أن الأردن جزء من التحالف الدولي لدعم الشرعية في اليمن."


# Sabq 2015-07-21, http://sabq.org/AtCgde (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
COMPANY = "وأكدت الشركة أن التقنية الجديدة تقوم بتحديد المشاة من البشر والحيوانات وكل الأجسام المتواجدة أمامها."


# Al-Watan 2015-07-23, http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=229861&CategoryID=1 (SaudiNewsNet,
# CC BY-NC-SA 4.0), one sentence.
SISI = "أكد الرئيس المصري عبدالفتاح السيسي أمس، أن أمن مصر القومي أولوية قصوى ولا يمكن التهاون في الدفاع عنه."


# Al-Watan 2015-08-04 (as ANAZI above), two sentences of the article, the second cut.
ANSWERED = (ANAZI + ' وحول تشريعاتهم في مجلس الشورى حول فرض الرسوم، أجاب بقوله: "المجلس بدأ في طرح الموضوع ونقاشه منذ '
            'فترة بعيدة ويبذل جهدا لحل مشكلة الإسكان".')


# Al-Madina 2015-07-21, http://www.al-madina.com/node/620117/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
EACH_OF = "وفى لقاء مع بعض الشباب داخل إحدى الاستراحات قال كل من فهد عبده: «كل عام في العيد نستأجر هذه الاستراحة ونحجزها»."


# Al-Yaum 2015-07-21, http://www.alyaum.com/article/4079580 (SaudiNewsNet, CC BY-NC-SA 4.0), two sentences of the
# article, each cut.
HARBI = ("ولفت المواطن عائض الحربي إلى أن الجميع كانوا في الماضي ينتظرون قدوم العيد ليجتمعوا. "
         "وأكد الحربي، أن فرحة العيد لم تعد بتلك البهجة التي كانت منتشرة.")


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/410191/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence, cut.
BOEING = "وقالت «بوينغ» إن القطعة المعدنية تزن 60 كلغ وقد سقطت الاثنين فوق ضاحية شنغهاي."


# Al-Eqtisadiya 2015-07-20, http://www.aleqt.com/2015/07/20/article_974727.html (SaudiNewsNet, CC BY-NC-SA 4.0), one
# sentence, cut.
MALTANI = ('وقال لـ "الاقتصادية" عادل الملطاني؛ شيخ طائفة الصرافة في مكة المكرمة، "إن أزمة اليونان شجعت كثيرا من '
           'السعوديين على السفر والسياحة تجاه الدول الأوروبية".')

# Al-Eqtisadiya 2015-08-06, http://www.aleqt.com/2015/08/06/article_979366.html (SaudiNewsNet, CC BY-NC-SA 4.0), one
# sentence, cut.
BAQAAWI = ('وأوضح لـ"الاقتصادية" الدكتور جميل البقعاوي؛ رئيس مجلس إدارة الهيئة السعودية للمهندسين أن الهيئة لم توقع أي '
           'اتفاق مع وزارة الإسكان بعد.')


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/410206/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
ANONYMOUS = ("وقال مسؤول رفيع بالاتحاد الأوروبي شارك في مفاوضات التوصل للحل الوسط وتحدث لـ«رويترز» بشرط عدم الكشف عن "
             "اسمه أن فرصة نجاح الاتفاق الآن «تبلغ 20 وربما 30 في المائة».")


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/411256/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
AHMADI = ("وفي جبهة العند شمال لحج، أكد علي الأحمدي، الناطق باسم المقاومة الشعبية في عدن، أن المقاومة سيطرت في وقت متأخر "
          "من ليل أمس على معسكر لبوزة الذي كانت تسيطر عليه ميليشيات الحوثي وصالح.")
# al-Eqtisadiya 2015-07-20, http://www.aleqt.com/2015/07/20/article_974718.html (SaudiNewsNet, CC BY-NC-SA 4.0).
GHARIB = ("وقال علي غريب، أحد كبار مشايخ مأرب، إن دور المملكة محوري وإيجابي في التعامل مع قضايا اليمن على مر التاريخ، "
          "قياماً بما يحتّمه حق الجوار.")
# al-Yaum 2015-07-21, http://www.alyaum.com/article/4079580 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
HARQAN = ("وأكد الشيخ علي الحرقان أن العيد في الماضي كان يعتمد الناس فيه على الالتقاء فيما بينهم، والمباركة بالعيد.")
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/408046/ (SaudiNewsNet, CC BY-NC-SA 4.0), two sentences.
TURKI = ("وأوضح اللواء منصور التركي، المتحدث الأمني في وزارة الداخلية السعودية، أنه عند حلول موعد آذان مغرب أمس، بادر "
         "قائد إحدى السيارات بتفجيرها. وأشار اللواء التركي إلى أن الانتحاري يدعى عبد الله فهد عبد الله الرشيد.")
# al-Madina 2015-07-22, http://www.al-madina.com/node/620412/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
OMARI = "وقال محمد عبدالله العمري: إن الكادي والريحان من النباتات العطرية القديمة ولكن مازال له استخدامه وزبائنه."
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/409906/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
ESTATE = ("وأشار عدد من خبراء العقار استشارتهم «الشرق الأوسط» حول أوضاع السوق حاليا إلى عدد من العوامل الفاعلة في "
          "السوق.")
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/405701/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
NO_CLAIM = "ولم تعلن أي جهة مسؤوليتها على الفور عن الهجوم، إلا أنه يحمل بصمات حركة «بوكو حرام»."
# al-Yaum 2015-07-21, http://www.alyaum.com/article/4079472 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
SO_THAT = "ونوه بمساندة ودعم الدوائر الحكومية والقطاع الخاص للمهرجان حتى يظهر بالمستوى اللائق ويسعد مرتاديه."
# Asharq Al-Awsat 2015-07-23, http://aawsat.com/home/article/413011/ (SaudiNewsNet, CC BY-NC-SA 4.0), two sentences.
AS_HE_PUT_IT = ("كما أشاد بدور المفاوضين الإيرانيين، واصفا إياهم بالمتميزين لوصولهم لاتفاق يحترم الخطوط الحمراء التي حددها "
                "المرشد الأعلى، على حد قوله. وانضم ولايتي لعراقجي في نفيه أن الاتفاق قد يؤثر على سياسة إيران الإقليمية، "
                "مشيرا إلى أن: «طهران ستستمر في دعم لبنان وسوريا والعراق واليمن في إبادة الإرهاب».")


# Sabq 2015-07-21, http://sabq.org/008gde (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
KING = ('وفي إحدى كلماته الخالدة قال خادم الحرمين الشريفين، الملك "الحازم" سلمان بن عبدالعزيز: "لن نقبل أي تهاون في '
        'توفير سبل حياة كريمة للمواطنين، والقضاء على الفساد".')
# al-Jazirah 2015-07-21, http://www.al-jazirah.com/2015/20150721/rj9.htm (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
PROPHET = "فقال رسول الله: «إِنَّ الْمُقْسِطِينَ فِي الدُّنْيَا عَلَى مَنَابِرَ مِنْ لُؤْلُؤٍ يَوْمَ الْقِيَامَةِ»."
# al-Madina 2015-07-25, http://www.al-madina.com/node/620876/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
EXALTED = ("وقد جاءت النصوص في كتاب الله ترغب في التسابق إلى الخيرات، قال تعالى: «إِنَّ الَّذِينَ هُم مِّنْ خَشْيَةِ رَبِّهِم "
           "مُّشْفِقُونَ، وَالَّذِينَ هُم بِآيَاتِ رَبِّهِمْ يُؤْمِنُونَ».")
# al-Yaum 2015-08-07, http://www.alyaum.com/article/4082314 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
THUS = ("وهكذا كانت كل خطابات عبدالملك الموجّهة للخارج تشير إلى أن الرجل يتجه بجماعته لنفس الاتجاه الذي تسير عليه "
        "الحركات والدول التي تسمّت بـ«محور الممانعة».")
# al-Eqtisadiya 2015-07-27, http://www.aleqt.com/2015/07/27/article_976417.html (SaudiNewsNet, CC BY-NC-SA 4.0).
TRADERS = 'وقال متعاملون "إن جني الأرباح كان متوقعا"، لكن السوق لم تتمكن أبدا من التعافي التام.'
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/353441/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
SALMAN = ("وجاءت أبرز إنجازات خادم الحرمين الشريفين الملك سلمان بن عبد العزيز خلال المائة يوم الماضية بإصداره قرارات "
          "وأوامر معلنا الأمير مقرن بن عبد العزيز وليا للعهد.")


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/363076/ (SaudiNewsNet, CC BY-NC-SA 4.0), two sentences.
KUNYAS = ("يقول أبو هريرة إنه فوجئ بأن جبهة النصرة والجيش الحر لم ينضموا لداعش. يقول أبو شعيب: «نهاجم حتى نقترب من "
          "السيطرة على المدينة ثم نضطر للتراجع تحت قصف القوات المتمركزة فيها».")
# al-Riyadh 2015-07-23, http://www.alriyadh.com/1067137 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
MISTURA = ("وقال دي ميستورا نقلا عن مصادر محلية في بيان صدر الليلة قبل الماضية ان الجيش السوري ألقى عددا كبيرا من "
           "البراميل المتفجرة على الزبداني.")
# al-Eqtisadiya 2015-07-25, http://www.aleqt.com/2015/07/25/article_975977.html (SaudiNewsNet, CC BY-NC-SA 4.0).
ERIKSON = ('من جانبها، تقول تامي إريكسون، وهي زميلة تنفيذية في كلية لندن للأعمال: "نحن نميل للانضمام إلى شركة أو صناعة '
           'مع صورة عن المستقبل في أذهاننا".')
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/410481/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
DAY_BEFORE = ("وكان خامنئي قال أول من أمس، إن «الاتفاق مع القوى العالمية لا يعني حدوث أي تحول أوسع في علاقات إيران مع "
              "واشنطن».")
# Sabq 2015-07-23, http://sabq.org/0ACgde (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
HUSBAND = 'وقال زوج المعلمة لــ "سبق": "زوجتي تعمل معلمة رياضيات منذ 20 عاماً بدأت رحلتها معلمة في مركز القليبة".'


# al-Yaum 2015-07-22, http://www.alyaum.com/article/4079703 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
NECESSITY = ("وأكد الطبيب ضرورة تحسين عملية الحصول على الأكسجين عن طريق تناول الحديد الموجود فى الكبدة واللحوم "
             "الحمراء.")


# al-Madina 2015-07-21, http://www.al-madina.com/node/620142/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
MECCA_POLICE = ("أكد الناطق الإعلامي بشرطة منطقة مكة المكرمة العقيد دكتور عاطي بن عطية القرشي ضبط عدد من المتهمين بالتورط في "
                "واقعة التحرش بفتاتين بكورنيش جدة.")
# Asharq Al-Awsat 2015-08-02, http://aawsat.com/home/article/420306/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
SECURITY_CHIEF = ("أعلن رئيس جهاز الأمن القومي اليمني اللواء علي الأحمدي أن الحكومة اليمنية ستضاعف المنح للطلبة اليمنيين "
                  "للدراسة في كليات الحرب والأمن في الخارج.")
# al-Eqtisadiya 2015-07-20, http://www.aleqt.com/2015/07/20/article_974770.html (SaudiNewsNet, CC BY-NC-SA 4.0).
ENGINEER = ("من جهته، قال المهندس فهد بن محمد الجبير أمين المنطقة الشرقية إن ما يميز عيد وصيف الشرقية هذا العام هو "
            "شراكة الأمانة مع غرفة الشرقية.")
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/410826/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
NOTED = "ونوه بأنه سيعمل مع المسلمين داخل البلاد لمحاربة أفكار التطرف."
# A variant of a name SaudiNewsNet writes (Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/405851/): its
# chain of بن past four words.
SULTAN = "وقال الأمير سلطان بن سلمان بن عبد العزيز إن الهيئة نجحت في تسجيل الرسوم الصخرية."


# al-Jazirah 2015-07-21, http://www.al-jazirah.com/2015/20150721/du5.htm (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
OBSERVATORY_SAID = ("وقال المرصد السوري لحقوق الإنسان إن سبب الانفجار سيارة ملغومة استهدفت نقطة تفتيش تابعة لوحدات حماية "
                    "الشعب الكردية.")
# al-Madina 2015-07-27, http://www.al-madina.com/node/621229/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
COMMITTEE = ("كشفت اللجنة العامة للانتخابات البلدية أن المواطن الذي فقد بطاقة الهوية الوطنية يمكن أن يقيد اسمه كناخب، "
             "وذلك من خلال نموذج خاص.")
# A variant: the same kind of body, spoken to a paper (ل attached names who was told, not what the body is for).
COMMITTEE_TOLD = "وقالت الهيئة العامة للصحفيين إن المواطن الذي فقد بطاقة الهوية الوطنية يمكن أن يقيد اسمه."


@pytest.mark.parametrize(("sentence", "layer", "start", "speaker"), [
    # A definite kind of body, an adjective and what it is for (ل attached) name one body (were «unknown»).
    pytest.param(OBSERVATORY_SAID, "statements", "سبب", "المرصد السوري لحقوق الإنسان", id="a-body-named-by-kind-and-aim"),
    pytest.param(COMMITTEE, "statements", "المواطن", "اللجنة العامة للانتخابات البلدية", id="a-committee-for-elections"),
    pytest.param(COMMITTEE_TOLD, "statements", "المواطن", "غير معروف", id="a-body-that-told-journalists-is-no-name"),
    # بشرطة منطقة مكة المكرمة: ب and a kind of body, its genitives (a place and its adjective), then a rank and دكتور
    # that introduce the holder (was «بشرطة»); رئيس جهاز الأمن ...: a body's own genitive, then a rank (was «رئيس جهاز»).
    pytest.param(MECCA_POLICE, "statements", "ضبط", "عاطي بن عطية القرشي", id="an-office-of-a-body-of-a-place-then-a-rank"),
    pytest.param(SECURITY_CHIEF, "statements", "الحكومة", "علي الأحمدي", id="an-office-of-a-body-with-its-genitive"),
    # المهندس (engineer) is an honorific; بن and the word after it stay in the name (was «unknown»).
    pytest.param(ENGINEER, "statements", "ما يميز", "فهد بن محمد الجبير", id="an-engineer-and-a-patronymic"),
    # A chain of بن is not cut at four words, nor at بن (was «سلطان بن سلمان بن»).
    pytest.param(SULTAN, "statements", "الهيئة", "سلطان بن سلمان بن عبد العزيز", id="a-chain-of-patronymics"),
    # دي ميستورا: a particle and the word after it are one name (was «دي»; ميستورا looked like a participle).
    pytest.param(MISTURA, "statements", "الجيش السوري", "دي ميستورا", id="a-name-particle"),
    # من جانبها، تقول فلانة: nothing before a bare present names a subject, so the new name after it does (was «جانبها»).
    pytest.param(ERIKSON, "quotations", "نحن نميل", "تامي إريكسون", id="for-her-part-then-a-bare-present"),
    # أول من أمس (the day before yesterday) is a time, not the speaker (was «أول»): the subject before قال speaks.
    pytest.param(DAY_BEFORE, "quotations", "الاتفاق مع", "خامنئي", id="the-day-before-yesterday"),
    # زوج المعلمة (the teacher's husband) is a description with its genitive (was «زوج»).
    pytest.param(HUSBAND, "quotations", "زوجتي", "زوج المعلمة", id="a-relative-is-a-description"),
    # خادم الحرمين الشريفين (the Saudi king's title) is an office (was «خادم»); رسول الله names who said it (was «رسول»).
    pytest.param(KING, "quotations", "لن نقبل", "خادم الحرمين الشريفين", id="the-custodian-of-the-two-holy-mosques"),
    pytest.param(PROPHET, "quotations", "إِنَّ", "رسول الله", id="the-messenger-of-god"),
    # علي written with ي is the given name Ali, also first in a name (the matching form reads على, "on"); a family
    # name in -ان after an honorific ends the name, and so does a nisba like a country's after a rank (اللواء).
    pytest.param(AHMADI, "statements", "المقاومة", "علي الأحمدي", id="ali-first-in-a-name"),
    pytest.param(GHARIB, "statements", "دور المملكة", "علي غريب", id="ali-first-in-a-name-before-a-comma"),
    pytest.param(HARQAN, "statements", "العيد", "علي الحرقان", id="a-family-name-in-an-after-an-honorific"),
    pytest.param(TURKI, "statements", "الانتحاري", "منصور التركي", id="a-nisba-like-a-countrys-after-a-rank"),
    # محمد عبدالله العمري: a name in الله written as one word is no ta marbuta noun that ends the name.
    pytest.param(OMARI, "statements", "الكادي", "محمد عبدالله العمري", id="a-name-in-allah-inside-a-name"),
    # عدد من خبراء العقار: a number of a group, the group an indefinite plural with its genitive (was: «عدد»), named
    # without the number (the twentieth round).
    pytest.param(ESTATE, "statements", "عدد من العوامل", "خبراء العقار", id="a-number-of-experts-of-a-field"),
    # وقال لموقع «...» ... إن: the site is told, not the speaker; he is carried over from اتهم تقي رحماني.
    pytest.param(RAHMANI, "statements", "زوجته", "تقي رحماني", id="lam-attached-after-the-cue-is-the-one-spoken-to"),
    # بعض المواطنين (some citizens), like عدد من ...: a group described as written, not a person «بعض» (the group
    # itself: the twentieth round).
    pytest.param(CITIZENS, "statements", "المسلحين", "المواطنين", id="some-of-a-group-is-a-group"),
    # مجلس الوزراء الصيني: an organisation of that name, not a person «مجلس».
    pytest.param(CABINET, "statements", "", "مجلس الوزراء الصيني", id="a-council-named-after-its-kind"),
    # محمد السلمي: a nisba in -ي right before the phrase's end is his family name, not an adjective of his.
    pytest.param(SULAMI, "quotations", "نعلم أن الكل", "محمد السلمي", id="a-nisba-family-name-ends-the-name"),
    # محمد علي جعفري: the matching form reads علي as على (on); written with ي inside a name, it is the name Ali.
    pytest.param(TASNIM, "statements", "قرار", "محمد علي جعفري", id="ali-written-with-ya-is-the-name"),
    # سمو الأمير فيصل بن خالد: سمو، الأمير (and صاحب السمو الملكي، معالي) are honorifics before a name, not the name.
    pytest.param(PRINCE, "statements", "", "فيصل بن خالد", id="honorifics-before-a-princes-name"),
    # معالي الأمين العام ...: an honorific before an office; the office is the speaker (was: «unknown»).
    pytest.param(LEAGUE, "statements", "", "الأمين العام", id="an-honorific-before-an-office"),
    # مدير المرصد، نائب رئيس الوزراء: a description in the construct state, then its holder's name (was: the description).
    pytest.param(OBSERVATORY, "quotations", "خطفت", "رامي عبد الرحمن", id="a-name-after-a-description-with-its-genitive"),
    pytest.param(TRUSS, "statements", "السلطات", "وارن تراس", id="a-name-after-a-deputys-office"),
    # الوفد (a delegation) is a group described as written (was: no speaker read, «unknown» or the last one named);
    # with no registry, «في باكستان» is not read as its complement.
    pytest.param(DELEGATION, "statements", "طالبان", "الوفد الأفغاني في المفاوضات", id="a-delegation-speaks"),
    pytest.param(OMAR, "statements", "دعمه", "محمد عمر", id="an-honorific-after-a-description-introduces-its-holder"),
    pytest.param(ANAZI, "statements", "بالتصدي", "فهد العنزي", id="a-nisba-family-name-after-an-honorific-and-name"),
    pytest.param(SISI, "statements", "أمن مصر", "عبدالفتاح السيسي", id="a-nisba-family-name-before-a-time-word"),
    pytest.param(EACH_OF, "quotations", "كل عام", "فهد عبده", id="the-names-after-each-of"),
    # قال لـ "الاقتصادية" فلان: the paper spoken to in quote marks, then the speaker (was: «unknown»).
    pytest.param(MALTANI, "quotations", "إن أزمة", "عادل الملطاني", id="told-a-paper-then-the-speaker"),
    pytest.param(BAQAAWI, "statements", "الهيئة", "جميل البقعاوي", id="told-a-paper-then-a-titled-speaker"),
    # ... لـ«رويترز» بشرط عدم الكشف عن اسمه: a condition, not a speaker, after the paper spoken to.
    # (بالاتحاد الأوروبي, "of the EU", is his description's complement: ب attached to a kind of body.)
    pytest.param(ANONYMOUS, "quotations", "تبلغ", "مسؤول رفيع بالاتحاد الأوروبي", id="told-a-paper-on-a-condition"),
])
def test_the_speaker_of_a_real_sentence_is_named_as_written(sentence: str, layer: str, start: str, speaker: str) -> None:
    draft, names = _drafted(sentence)
    record = _by_exact(draft[layer], start)
    assert [names.get(i, i) for i in record["speaker_ids"]] == [speaker]


def test_a_day_after_the_speaker_is_not_what_was_said() -> None:
    """واكد اردوغان الجمعة ان ...: what was said is the clause after ان; it was «الجمعة» (Friday), read as the verb's
    object (أكد and أعلن take one: أعلنت الوزارة استقالته)."""
    draft, names = _drafted(ERDOGAN_FRIDAY)
    (said,) = draft["statements"]
    assert said["exact"] == ERDOGAN_FRIDAY.split(" ان ", 1)[1].rstrip(".")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["اردوغان"]



def test_a_family_name_alone_before_what_was_said_is_the_person_named_with_it() -> None:
    """وأكد الجبير إن ...: the family name with ال, alone before إن, is عادل الجبير named in the sentence before; it was
    read as what he stressed (the verb's object: «الجبير»), with the speaker unknown."""
    draft, names = _drafted(JUBEIR)
    assert [s["exact"] for s in draft["statements"] if s["exact"].startswith("الجبير")] == []
    stressed = _by_exact(draft["statements"], "السعودية متفقة مع الجانب المصري")
    assert [names.get(i, i) for i in stressed["speaker_ids"]] == ["عادل الجبير"]



def test_a_clause_after_a_preposition_belongs_to_the_noun_phrase_said() -> None:
    """أعرب ... عن أمله في أن ...: what he expressed is his hope with its clause; it stopped at أن («أمله في»)."""
    draft, _ = _drafted(HOPE)
    (said,) = draft["statements"]
    assert said["exact"] == HOPE.split(" عن ", 1)[1].rstrip(".")


def test_a_name_before_the_verbs_preposition_and_a_complementiser_is_not_what_was_said() -> None:
    """وشدد المومني على أن ...: the clause after أن (it was «المومني على أن ...», the name read as the verb's object)."""
    draft, _ = _drafted(MOMANI)
    (said,) = draft["statements"]
    assert said["exact"] == MOMANI.split(" على أن ", 1)[1].rstrip(".")



def test_a_definite_subject_before_a_complementiser_is_not_what_was_said() -> None:
    """وأكدت الشركة أن ...: the clause after أن; it was «الشركة», the subject read as the verb's object."""
    draft, _ = _drafted(COMPANY)
    (said,) = draft["statements"]
    assert said["exact"] == COMPANY.split(" أن ", 1)[1].rstrip(".")



def test_how_something_was_said_is_no_speaker() -> None:
    """أجاب بقوله: "...": the answer is the person named before (فهد العنزي); «بقوله» (by his saying) was drafted as a
    new person."""
    draft, names = _drafted(ANSWERED)
    quote = _by_exact(draft["quotations"], "المجلس بدأ")
    assert [names.get(i, i) for i in quote["speaker_ids"]] == ["فهد العنزي"]
    assert "بقوله" not in names.values()



def test_a_family_name_alone_is_the_person_the_article_named_in_full() -> None:
    """وأكد الحربي، أن ...: the article wrote عائض الحربي once (not yet as a speaker the drafter proposed); the statement
    was «unknown»."""
    draft, names = _drafted(HARBI)
    stressed = _by_exact(draft["statements"], "فرحة العيد")
    assert [names.get(i, i) for i in stressed["speaker_ids"]] == ["عائض الحربي"]



def test_a_name_in_quote_marks_between_the_cue_and_a_complementiser_is_the_speaker() -> None:
    """وقالت «بوينغ» إن ...: «بوينغ» is who said it, not a quotation (it was drafted as one, with the statement's speaker
    unknown)."""
    draft, names = _drafted(BOEING)
    assert [q["exact"] for q in draft["quotations"]] == []
    (said,) = draft["statements"]
    assert said["exact"].startswith("القطعة المعدنية")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["بوينغ"]



@pytest.mark.parametrize("sentence", [NO_CLAIM, SO_THAT], ids=["negated-with-wa", "purpose-after-hatta"])
def test_a_negated_or_purpose_cue_reports_nothing(sentence: str) -> None:
    """ولم تعلن أي جهة ... (no one claimed it), حتى يظهر (so that it appears): nothing was said; each was a statement
    whose speaker was the word before the cue («ولم», «ونوه»). (ونوه بمساندة ... is a statement of its own.)"""
    draft, _ = _drafted(sentence)
    assert [s for s in draft["statements"] if s["cue"] in ("تعلن", "يظهر")] == []


def test_as_he_put_it_names_no_speaker() -> None:
    """على حد قوله ("as he put it") tags what was reported before; its «حد» was read as a person, the speaker carried
    over to the next sentence's مشيرا."""
    draft, names = _drafted(AS_HE_PUT_IT)
    assert "حد" not in names.values()
    assert not [s for s in draft["statements"] if s["cue"] == "قوله"]


@pytest.mark.parametrize(("sentence", "word"), [(EXALTED, "تعالى"), (THUS, "وهكذا")], ids=["scripture", "thus"])
def test_a_name_of_god_or_a_discourse_word_is_no_speaker(sentence: str, word: str) -> None:
    """قال تعالى: «...» (a verse: God, named by تعالى, "exalted"), وهكذا كانت ... تشير (thus): neither word names a
    speaker; each was drafted as a new person."""
    _, names = _drafted(sentence)
    assert word not in names.values()


def test_a_fathers_name_inside_another_name_is_no_mention_of_its_bearer() -> None:
    """سلمان بن عبد العزيز، مقرن بن عبد العزيز: «عبد العزيز» after بن is a father's name, not the registry person who has
    it as an alias (the gunman of Chattanooga, محمد يوسف عبد العزيز): معلنا was attributed to him."""
    gunman = EntityRecord(entity_id="muhammad-youssef-abdulazeez", kind="person", name_en="Muhammad Youssef Abdulazeez",
                          names_ar=["محمد يوسف عبد العزيز", "عبد العزيز"])
    draft = extract_text("عنوان\n" + SALMAN + "\n", "0" * 16, Registry(entities={gunman.entity_id: gunman}))
    said = draft["statements"] + draft["quotations"]
    assert said and all(gunman.entity_id not in r["speaker_ids"] for r in said)


def test_traders_are_a_group() -> None:
    """وقال متعاملون "...": traders, like مصادر, are a group described as written; they were a person «متعاملون»."""
    draft, _ = _drafted(TRADERS)
    (speaker,) = _by_exact(draft["quotations"], "إن جني")["speaker_ids"]
    assert {e["entity_id"]: (e["kind"], e["names_ar"][0]) for e in draft["entities"]}[speaker] == ("group", "متعاملون")


def test_two_kunyas_are_two_people() -> None:
    """أبو هريرة then أبو شعيب: a kunya's أبو with the word after it is one name, whatever that word looks like (هريرة
    was cut as a common noun, leaving «أبو»), and أبو alone never names a person proposed before (أبو شعيب was
    attributed to the same «أبو»)."""
    draft, names = _drafted(KUNYAS)
    first = _by_exact(draft["statements"], "فوجئ")
    second = _by_exact(draft["quotations"], "نهاجم")
    assert [names.get(i, i) for i in first["speaker_ids"]] == ["أبو هريرة"]
    assert [names.get(i, i) for i in second["speaker_ids"]] == ["أبو شعيب"]


def test_a_verbal_noun_after_the_speaker_is_what_was_said() -> None:
    """وأكد الطبيب ضرورة ...: the doctor stressed the need to ...; «ضرورة تحسين عملية» was read as his name (the words
    after a description in the construct state) and what he said began after it."""
    draft, names = _drafted(NECESSITY)
    (said,) = draft["statements"]
    assert said["exact"] == NECESSITY.split("الطبيب ", 1)[1].rstrip(".")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["الطبيب"]


def test_nawwaha_is_a_reporting_verb() -> None:
    """ونوه بأنه ... (and he pointed out that ...) reports what was said; نوه was no cue (747 times in SaudiNewsNet)."""
    draft, _ = _drafted(NOTED)
    (said,) = draft["statements"]
    assert (said["cue"], said["exact"]) == ("ونوه", NOTED.split("بأنه ", 1)[1].rstrip("."))



# al-Yaum 2015-08-02, http://www.alyaum.com/article/4081368 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
CLARIFYING = ("وبالنسبة لاستلام طلبات لاستقدام عاملات من النيجر وأرتريا، نفى الحزيم ذلك، مبينا أنه لا يوجد وكلاء لهم في "
              "هذه الدول، غير أن الاستقدام منها مفتوح.")
# al-Jazirah 2015-07-21, http://www.al-jazirah.com/2015/20150721/ln23.htm (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
WENT_ON = ("وقد رافق الشمري النزلاء إلى مقر المهرجان، وأضاف: إن الابتسامة كانت واضحة للعيان ومرتسمة على وجوه النزلاء، "
           "وأردف الشمري أن كل مناسبة أو نشاط نشترك فيه ترتسم البسمة من بدء الانطلاقة حتى العودة وهذا ما يسعدنا جداً.")


@pytest.mark.parametrize(("sentence", "cue", "start"), [(CLARIFYING, "مبينا", "لا يوجد"), (WENT_ON, "وأردف", "كل مناسبة")],
                         ids=["mubayyinan", "ardafa"])
def test_bayyana_and_ardafa_are_reporting_verbs(sentence: str, cue: str, start: str) -> None:
    """مبينا أن (making clear that), وأردف أن (and he went on that): what follows is what was said; neither was a cue
    (مبينا and its spellings about 250 times in the 3,500 drafts, أردف about 50)."""
    draft, _ = _drafted(sentence)
    assert [s["cue"] for s in draft["statements"] if s["exact"].startswith(start)] == [cue]


def test_a_verb_after_qad_is_no_given_name() -> None:
    """وقد رافق الشمري ... وأردف الشمري أن: «رافق» (accompanied) after قد is a verb, not الشمري's given name; the statement
    was attributed to a new person «رافق الشمري»."""
    _, names = _drafted(WENT_ON)
    assert "رافق الشمري" not in names.values()


# al-Yaum 2015-08-01, http://www.alyaum.com/article/4081222 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
EXPECTED = ('توقع الخبير العسكري والعميد المتقاعد نزار عبد القادر في حديث خاص لـ"اليوم"، أن "ليس للنظام السوري أي '
            'خيار عسكري في مخيم اليرموك"، قائلاً: "لقد سبق للنظام مع حلفائه الإيرانيين أنه قرر القيام بهجوم مزدوج".')


def test_a_participle_takes_the_description_that_opens_its_sentence() -> None:
    """توقع الخبير العسكري ...، قائلاً: "...": توقع is no cue, so the participle had no one to carry over («unknown»); the
    description after the verb that opens the sentence is who said it."""
    draft, names = _drafted(EXPECTED)
    said = _by_exact(draft["quotations"], "لقد سبق")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["الخبير العسكري"]


# Asharq Al-Awsat 2015-08-02, http://aawsat.com/home/article/420231/ (SaudiNewsNet, CC BY-NC-SA 4.0), part of a sentence.
ASKED = ("لا تستطيع الإدارة الأميركية تقديم ما لا تملك، إلا أن هذا يثير المزيد من الأسئلة المزعجة في رأس بومبيو، حيث "
         "يتساءل «كيف للرئيس أن يسمح للمفاوضات (حول التفتيش) أن تتم بوساطة طرف آخر غيرنا؟»")
# Okaz 2015-07-22, http://www.okaz.com.sa/new/Issues/20150722/Con20150722785020.htm (SaudiNewsNet, CC BY-NC-SA 4.0).
ADMITTED = "وأقر الراكب بأنه اشترى المضبوطات لتوزيعها هدايا على أقاربه ولم يعلم تجريم حيازتها."


@pytest.mark.parametrize(("sentence", "cue", "start"), [(ASKED, "يتساءل", "كيف للرئيس"), (ADMITTED, "وأقر", "اشترى")],
                         ids=["tasaala", "aqarra"])
def test_asking_and_admitting_are_reporting_verbs(sentence: str, cue: str, start: str) -> None:
    """تساءل (asked: «...» or عن ...) and أقر with a clause (admitted that ...) report what was said; neither was a cue."""
    draft, _ = _drafted(sentence)
    assert [s["cue"] for s in draft["statements"] if s["exact"].startswith(start)] == [cue]


def test_touching_on_the_need_that_keeps_the_clause_and_its_quoted_words() -> None:
    """dev2 (Kerry in Cairo): لكنه تطرق امام الصحافيين الى ضرورة ان تجد مصر "توازنا" بين "مكافحة الارهاب" ...: تطرق
    (touched on) was no cue, so the statement and the three quoted words were missed; ضرورة ان keeps its clause."""
    draft, _ = _dev2_article("f743")
    assert any(s["exact"].startswith("ضرورة ان تجد مصر") for s in draft["statements"] if s["cue"] == "تطرق")
    quoted = {q["exact"] for q in draft["quotations"]}
    assert {"توازنا", "مكافحة الارهاب"} <= quoted


# Asharq Al-Awsat 2015-08-06, http://aawsat.com/home/article/423106/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
CALLED = ("وكتب رجل يدعى ماركوس ناسيمنتو في صفحة سيلفا على «فيسبوك»: «انتخبت لتعمل من أجل الناس، وأعتقد أن هناك أشياء "
          "أكثر أهمية يجب أن تفعلها».")


def test_a_man_called_so_is_named_by_the_name_after_called() -> None:
    """رجل يدعى فلان (a man called ...): the name after يدعى is the speaker; it was «رجل يدعى ماركوس ناسيمنتو» (the
    description, with يدعى read as its adjective)."""
    draft, names = _drafted(CALLED)
    said = _by_exact(draft["quotations"], "انتخبت")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["ماركوس ناسيمنتو"]


# 3alyoum 2015-07-26, http://www.3alyoum.com/news/local/a/ضبط-وحجز-943-ثلاجة-مخالفة-للمواصفات-السع/ (SaudiNewsNet,
# CC BY-NC-SA 4.0), part of a sentence.
BY_MEANS = ("وتأتي هذه الجهود المتواصلة في إطار منظومة حكومية تنسق جهودها، وبالتالي رفع كفاءة استهلاك الطاقة باستخدام "
            "مبادرات وبرامج مصممة حسب إمكانات السوق المحلية.")
# Asharq Al-Awsat 2015-07-25, http://aawsat.com/home/article/414411/ (SaudiNewsNet, CC BY-NC-SA 4.0), part of a sentence.
AS_HE_PUT_IT = ("إذ اعترف عضو المجلس السياسي لجماعة الحوثي علي العماد، بهزائم جماعته في محافظة الضالع على يد من وصفها "
                "بـ«المقاومة الشعبية الخالصة التي لا علاقة لها بالرئيس هادي»، حسب وصفه.")


@pytest.mark.parametrize("sentence", [BY_MEANS, AS_HE_PUT_IT], ids=["norm", "pronoun"])
def test_according_to_a_norm_or_to_his_words_names_no_source(sentence: str) -> None:
    """حسب إمكانات السوق (in accordance with the market's means) and حسب وصفه (as he described it) name no source:
    each was a statement of a new entity «إمكانات» / «وصفه» (175 such statements in 3,500 SaudiNewsNet drafts)."""
    draft, names = _drafted(sentence)
    assert [s["cue"] for s in draft["statements"] if s["cue"] == "حسب"] == []
    assert not {"إمكانات", "وصفه"} & set(names.values())


# Al-Riyadh 2015-07-26, http://www.alriyadh.com/1067916 (SaudiNewsNet, CC BY-NC-SA 4.0), two sentences.
UNNAMED = ('واوضح مسؤول تركي ان الضربات هدفها "وقائي" ايضا. واضاف هذا المسؤول الذي طلب عدم كشف هويته "حصلنا في '
           'الاسابيع الاخيرة على معلومات تدل على ان تنظيم الدولة الاسلامية يقوم بتكديس السلاح".')


def test_a_verbal_noun_after_not_is_no_cue() -> None:
    """عدم كشف هويته (not revealing his identity): كشف is a verbal noun there, not the verb «revealed»; it was the
    quote's cue, and «هويته» (his identity) its speaker, a new person."""
    draft, names = _drafted(UNNAMED)
    said = _by_exact(draft["quotations"], "حصلنا")
    assert said["cue"] == "واضاف"
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["مسؤول تركي"]


# Al-Riyadh 2015-07-31, http://www.alriyadh.com/1069149 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
FOOTBALL = ('اعتبر رئيس الاتحاد الاسيوي لكرة القدم سلمان ال خليفة البحريني ان الفرنسي ميشال بلاتيني الذي اعلن امس '
            'الاربعاء ترشحه لرئاسة الاتحاد الدولي "مرشح فريد من نوعه يمكن ان يجلب الاستقرار" للمنظمة الدولية.')
# Al-Yaum 2015-08-03, http://www.alyaum.com/article/4081629 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
CITIZEN = "وأكد المواطن عبدالعزيز آل ابراهيم وجود ملاحظات عديدة على مركز امراض الدم الوراثية."
# Al-Jazirah 2015-08-02, http://www.al-jazirah.com/2015/20150802/ln33.htm (SaudiNewsNet, CC BY-NC-SA 4.0), shortened.
TWO_OFFICES = ("قال نائب رئيس الجمعية السعودية للإدارة وعضو جمعية الأطفال المعوقين بندر بن عثمان الصالح في كلمته: «إن "
               "مبادرة الشراكة بين هارفارد ومسك جاءت لتضيف إلى أبنائنا وبناتنا أبعادًا أخرى».")


@pytest.mark.parametrize(("sentence", "start", "speaker"), [
    (FOOTBALL, "مرشح فريد", "سلمان ال خليفة"),
    (CITIZEN, "وجود ملاحظات", "عبدالعزيز آل ابراهيم"),
], ids=["aim-and-house", "house-ends-the-name"])
def test_a_bodys_aim_belongs_to_the_office_and_al_to_the_name(sentence: str, start: str, speaker: str) -> None:
    """رئيس الاتحاد الآسيوي لكرة القدم: what the body is for (with ل) is part of the office, so the name follows it (the
    speaker was «لكرة»); آل (a family's house) is part of a name and its family's name ends it (the name was cut at آل:
    «سلمان», «عبدالعزيز»; a nisba after it is a nationality, and the verbal noun after it, وجود, what was said)."""
    draft, names = _drafted(sentence)
    said = _by_exact([*draft["quotations"], *draft["statements"]], start)
    assert [names.get(i, i) for i in said["speaker_ids"]] == [speaker]
    if "statement_id" in said:  # a quotation, and the statement it belongs to: its own verb's (اعتبر, not أعلن)
        statement = next(s for s in draft["statements"] if s["id"] == said["statement_id"])
        assert (statement["cue"], statement["speaker_ids"]) == (said["cue"], said["speaker_ids"])


# Sabq 2015-07-25, http://sabq.org/4GCgde (SaudiNewsNet, CC BY-NC-SA 4.0), part of a sentence.
ADVISER = ("أكّد المستشار القانوني وعضو شرف النادي الأهلي خالد أبو راشد؛ أن نبأ تنصيب مساعد الزويهري رئيساً للنادي "
           "الأهلي بشكل رسمي حالياً، عارٍ عن الصحة.")


@pytest.mark.parametrize("sentence", [ADVISER, TWO_OFFICES], ids=["adviser", "vice-president"])
def test_a_second_office_joined_by_and_is_no_name(sentence: str) -> None:
    """المستشار القانوني وعضو شرف النادي ...: a second office joined by و was drafted as a person («وعضو شرف»; «وعضو
    جمعية» once the first office's body took its aim, للإدارة)."""
    draft, names = _drafted(sentence)
    assert draft["statements"] and not any(name.startswith("وعضو") for name in names.values())


# Al-Yaum 2015-07-23, http://www.alyaum.com/article/4079847 (SaudiNewsNet, CC BY-NC-SA 4.0), two sentences, the first
# shortened.
JUBEIR_TALKS = ("تحدث وزير الخارجية عادل الجبير خلال مؤتمر صحفي مع وزير الخارجية المصري سامح شكري عن اللقاء بين "
                "الطرفيين. وقال الجبير:\"أن المملكة على علم بالاجتماعات في القاهرة حول اليمن، ولا نشك بموقف مصر\".")


def test_a_family_name_the_article_gives_a_speaker_alone_ends_the_name() -> None:
    """عادل الجبير خلال ...: a definite word before a stop word may be the verb's object, so the name was «عادل»; the
    article writes وقال الجبير (the family name alone after a verb of saying), so it is his family name."""
    draft, names = _drafted(JUBEIR_TALKS)
    assert {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]} == {"عادل الجبير"}


def test_an_office_of_a_state_is_not_held_by_another_states_minister() -> None:
    """dev2 (Kerry in the Gulf): اعلن وزير الخارجية القطري اثر اللقاء الذي ضم وزير الخارجية الاميركي جون كيري ... ان
    الاتفاق ... هو "افضل خيار": القطري was no known country, so the office went to the foreign minister the article
    names, Kerry. It is Qatar's: the person the article names in that office (وزير الخارجية القطري خالد بن محمد
    العطية)."""
    draft, _ = _dev2_article("f743")
    best = _by_exact(draft["quotations"], "افضل خيار")
    speakers = [e for e in draft["entities"] if e["entity_id"] in best["speaker_ids"]]
    assert [(e["names_ar"][0].split()[0], e["role"], e["affiliation_id"]) for e in speakers] == [
        ("خالد", "Foreign Minister of Qatar", "QAT")]


# Al-Watan 2015-08-07, http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=231275&CategoryID=1 (SaudiNewsNet,
# CC BY-NC-SA 4.0), part of a sentence.
POLITICIANS = "أكد سياسيون يمنيون أن الهزائم التي تعرض لها المتمردون الحوثيون المدعومون بفلول الرئيس المخلوع أصابتهم بالارتباك."
# Al-Riyadh 2015-07-31, http://www.alriyadh.com/1069386 (SaudiNewsNet, CC BY-NC-SA 4.0), parts of two paragraphs.
CONDOLENCES = ('وخلال الكلمة التي ألقاها في مراسم الجنازة العسكرية قال وزير الداخلية البحريني "إن الله قد شرفنا بحمل '
               'مسؤولية الأمن". '
               "كما رفع الفريق الركن الشيخ راشد بن عبدالله آل خليفة وزير الداخلية البحريني خالص التعازي للقيادة البحرينية "
               "وللشعب البحريني في الشهيدين رحمهما الله، معربا عن شكره لكل من بادر بتقديم العزاء.")


def test_a_plural_noun_with_its_peoples_adjective_is_a_group() -> None:
    """سياسيون يمنيون (Yemeni politicians): an indefinite plural with a nationality after it is a group, named with its
    adjective; with يمني a known nationality, the name had been cut to a person «سياسيون»."""
    draft, _ = _drafted(POLITICIANS)
    (said,) = draft["statements"]
    (group,) = [e for e in draft["entities"] if e["entity_id"] in said["speaker_ids"]]
    assert (group["kind"], group["names_ar"]) == ("group", ["سياسيون يمنيون"])


def test_sincerest_after_an_office_is_no_name() -> None:
    """وزير الداخلية البحريني خالص التعازي (the Bahraini interior minister [offered his] sincerest condolences): خالص
    (sincerest) was taken for the minister's name, and so the speaker of the minister's words the article gave
    before (قال وزير الداخلية البحريني "...")."""
    draft, names = _drafted(CONDOLENCES)
    said = _by_exact(draft["quotations"], "إن الله قد شرفنا")
    assert said["speaker_ids"] and "خالص" not in {names.get(i, i) for i in said["speaker_ids"]}


# Asharq Al-Awsat 2015-07-26, http://aawsat.com/home/article/415036/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
UNFRUITFUL = ("وقال عدة دبلوماسيين بمجلس الأمن، تحدثوا شريطة عدم نشر أسمائهم، إنهم يتوقعون أن تستخدم روسيا حق الفيتو ضد "
              "مشروع القرار، خاصة وأن الرئيس الروسي فلاديمير بوتين دان شخصيا هذه المبادرة «غير المثمرة».")


def test_a_negated_adjective_in_quote_marks_is_no_name_and_on_condition_no_speaker() -> None:
    """هذه المبادرة «غير المثمرة» (this «unfruitful» initiative): after a word that introduces a name (مبادرة) the
    quote was taken for the initiative's name, but a name never starts with غير; تحدثوا شريطة عدم نشر أسمائهم (spoke
    on condition of anonymity): «شريطة» was a speaker, and عدة (several) one too."""
    draft, names = _drafted(UNFRUITFUL)
    assert [q["exact"] for q in draft["quotations"]] == ["غير المثمرة"]
    assert not {"شريطة", "عدة"} & set(names.values())


# Al-Eqtisadiya 2015-07-29, http://www.aleqt.com/2015/07/29/article_977288.html (SaudiNewsNet, CC BY-NC-SA 4.0).
AFGHANISTAN = ("وقال إيريك شولتز المتحدث باسم البيت الأبيض إن أجهزة المخابرات الأمريكية مستمرة في دراسة التقارير. "
               "وقالت أفغانستان اليوم إن زعيم طالبان توفي قبل ما يزيد على عامين.")


def test_a_state_the_registry_lacks_speaks_as_a_stand_in_not_a_person() -> None:
    """وقالت أفغانستان اليوم إن ...: a state named as the speaker was drafted as a new person «أفغانستان»; it is a stand-in
    that says which state it is and to declare it (drafts cannot declare a state: its id, the ISO code, would
    collide between drafts)."""
    draft, _ = _drafted(AFGHANISTAN)
    said = _by_exact(draft["statements"], "زعيم طالبان توفي")
    (state,) = [e for e in draft["entities"] if e["entity_id"] in said["speaker_ids"]]
    assert (state["kind"], state["name_en"], state["names_ar"]) == ("unknown", "Afghanistan", ["أفغانستان"])
    assert "AFG" in state["note"] and state["entity_id"].startswith("draft-")


# Al-Weeam 2015-07-25, http://www.alweeam.com.sa/349132/ (SaudiNewsNet, CC BY-NC-SA 4.0), the article's last line.
STORY_LINK = "رابط الخبر بصحيفة الوئام: وكيل وزارة النقل للطرق يؤكد على مقاولي طريق “عفيف – ظلم” سرعة الإنجاز"
# Al-Eqtisadiya 2015-07-25, http://www.aleqt.com/2015/07/25/article_975948.html (SaudiNewsNet, CC BY-NC-SA 4.0).
ISSUED_BY = 'وأفاد بيان صدر عن مكتب رئيس الوزراء أنه تم توقيف 251 شخصا "لانتمائهم إلى جماعات إرهابية".'


@pytest.mark.parametrize("sentence", [STORY_LINK, ISSUED_BY], ids=["link", "issued"])
def test_link_and_issued_are_no_names(sentence: str) -> None:
    """رابط الخبر (the story's link, a site's footer) and صدر (was issued: بيان صدر عن ...، الذي صدر عنه) were drafted as
    speakers or parts of their names («رابط» in 18 records of 3,500 SaudiNewsNet drafts, «صدر» in 20, «بيان صدر» in 5)."""
    _, names = _drafted(sentence)
    assert names and not any(word in ("رابط", "صدر") for name in names.values() for word in name.split())


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/410261/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
HE_SAID = ("ويرى دوجلاس - فيرهيرست أن كارول ذاته كان عاطفيًا وليس جنسيًا، وأقصى تعبير جنسي صدر عنه هو قوله ذات مرة إنه "
           "يتمنى لو مر بيده على شعر رأس الممثلة.")


def test_a_pronoun_alone_before_qawluhu_names_no_one() -> None:
    """صدر عنه هو قوله (what came from him is his saying): قوله takes the name right before it, which was the pronoun «هو»
    (a new person «هو» in 11 records of 3,500 SaudiNewsNet drafts)."""
    _, names = _drafted(HE_SAID)
    assert "هو" not in names.values()


# Asharq Al-Awsat 2015-08-03, http://aawsat.com/home/article/421326/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
SOURCE_ACCUSATIVE = "لكن مصدرًا مقربا من دوستم ينفي ذلك متحدثا عن «تعاون» بين مقاتليهما «على المستوى المحلي»."
# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/393301/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
NO_DIFFERENCE = ("لا فرق في كيفية تحضير الطعام للرؤساء أو للأشخاص العاديين الذي يرتادون المطاعم يؤكّد غيوم غوميز في حديثه "
                 "لـ«الشرق الأوسط».")


def test_a_description_in_the_accusative_is_a_description() -> None:
    """لكن مصدرًا مقربا من دوستم ينفي (but a source close to Dostum denies): after لكن the subject is accusative; مصدرًا
    was read as a new person's name «مصدرًا» (15 records of 3,500 SaudiNewsNet drafts)."""
    draft, _ = _drafted(SOURCE_ACCUSATIVE)
    said = draft["statements"][0]
    (source,) = [e for e in draft["entities"] if e["entity_id"] in said["speaker_ids"]]
    assert source["kind"] == "unknown" and source["names_ar"][0].startswith("مصدرًا مقربا")


def test_a_negation_that_opens_the_sentence_is_no_speaker() -> None:
    """لا فرق في ... يؤكّد غيوم غوميز: a sentence that opens with a negation names no subject before the verb; the
    negated noun was the speaker «لا فرق» (25 records of 3,500 SaudiNewsNet drafts)."""
    _, names = _drafted(NO_DIFFERENCE)
    assert not any("فرق" in name for name in names.values())


# Al-Riyadh 2015-08-07, http://www.alriyadh.com/1071201 (SaudiNewsNet, CC BY-NC-SA 4.0), words of one sentence.
@pytest.mark.parametrize(("phrase", "named"), [("استنكاره وتألمه للحادث الآثم", False), ("استعداده لقطع", False),
                                               ("انتصار الخطيب", True)])
def test_a_verbal_noun_with_a_pronoun_starts_no_name(phrase: str, named: bool) -> None:
    """أعرب ... عن استنكاره وتألمه (expressed his denunciation and pain): a verbal noun with a pronoun attached is what
    was expressed; it was read as a name («استنكاره وتألمه» spoke in 21 records). Without a pronoun such a word may be
    a given name (انتصار)."""
    phrase_read = parse_phrase(normalize_for_matching(phrase).split())
    assert bool(phrase_read.names) is named


# Asharq Al-Awsat 2015-07-24, http://aawsat.com/home/article/413866/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
SOME_MOMENTUM = ("وذكر مسؤول دفاع أميركي كبير أن العراق أظهر قدرًا من «قوة الدفع الإيجابية» في تواصله مع السنة خلال الشهور "
                 "الماضية، مضيفًا أن كارتر يأمل في تعزيز هذه الأجواء.")


def test_an_indefinite_accusative_is_no_name() -> None:
    """أظهر قدرًا من ... (showed a measure of ...): a word written with tanwin fath is an indefinite accusative, the verb's
    object, never a name; «قدرًا» was the speaker of the quote and of what the official added (11 records)."""
    _, names = _drafted(SOME_MOMENTUM)
    assert "قدرًا" not in names.values()


# Asharq Al-Awsat 2015-07-27, http://aawsat.com/home/article/415756/ (SaudiNewsNet, CC BY-NC-SA 4.0), part of a sentence.
CALLED_ON = "دعا وزير الخارجية الإيراني محمد جواد ظريف دول الخليج إلى التعاون مع طهران في التصدي للتطرف والتشدد في الشرق الأوسط."
# Asharq Al-Awsat 2015-07-26, http://aawsat.com/home/article/415346/ (SaudiNewsNet, CC BY-NC-SA 4.0), part of a sentence.
THREATENED = ("ولم تتبن أي جهة الهجوم؛ لكنه يأتي بينما هدد حزب العمال الكردستاني بقطع الهدنة مع أنقرة اثر الضربات الجوية "
              "التي شنها الجيش التركي.")


@pytest.mark.parametrize(("sentence", "speaker"), [(CALLED_ON, "محمد جواد ظريف"), (THREATENED, "حزب العمال الكردستاني")],
                         ids=["states", "with-b"])
def test_the_verbs_object_after_a_named_speaker_is_not_in_the_name(sentence: str, speaker: str) -> None:
    """دعا ... ظريف دول الخليج (called on the Gulf states): دول is a plural noun, not part of the name (it was «محمد جواد
    ظريف دول», 16 records); هدد حزب العمال الكردستاني بقطع الهدنة: after the subject, a word with ب that the verb governs
    is its object (it was «حزب العمال الكردستاني بقطع»)."""
    draft, names = _drafted(sentence)
    assert {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]} == {speaker}


# Asharq Al-Awsat 2015-07-30 (SaudiNewsNet, CC BY-NC-SA 4.0), http://aawsat.com/home/article/416616/, one sentence of a
# dev2 article (benchmarks/data/dev2).
DIRECTOR_OF = ("وقالت مديرة «التحالف لإنهاء العبودية والاتجار بالبشر»، ميليسا سبربر، لوكالة الصحافة الفرنسية، إن «السماح "
               "للمصالح السياسية بالتأثير على كيفية محاسبة الحكومات على هذه الجريمة البشعة، يشكك في نزاهة تقرير الاتجار "
               "بالبشر والتزام الولايات المتحدة بمنع الاتجار بالبشر».")


def test_a_bodys_name_in_quote_marks_after_an_office_is_a_name_and_the_person_after_it_speaks() -> None:
    """مديرة «التحالف ...»، ميليسا سبربر: a quoted text right after an office word in the construct state (مديرة, no ال)
    is the body's name, not a quotation; the name between commas after it is the speaker (she was «مديرة»)."""
    draft, names = _drafted(DIRECTOR_OF)
    assert [q["exact"][:6] for q in draft["quotations"]] == ["السماح"]
    assert {names.get(i, i) for q in draft["quotations"] for i in q["speaker_ids"]} == {"ميليسا سبربر"}


# Asharq Al-Awsat, one sentence each (SaudiNewsNet, CC BY-NC-SA 4.0): the dev2 article above; 2015-07-21,
# http://aawsat.com/home/article/411246/ (army statement); 2015-07-21, http://aawsat.com/home/article/411096/ (Demi Moore).
EMBASSY = ("وأصدرت سفارة تايلاند لدى واشنطن بيانًا قالت فيه إن «تايلاند تعارض بشدة التقييم الأحادي الوارد في التقرير الذي "
           "لا يعكس بدقة الحقيقة».")
ARMY_SPOKESMAN = ("وأمس، وعقب شائعات تحدثت عن سقوط عشرات القتلى في صفوف الجيش نتيجة عملية على أرض سيناء أول من أمس، أصدر "
                  "المتحدث الرسمي باسم الجيش بيانا جديدا أكد فيه أن عدد ضحايا القوات هو «سبعة» فقط.")
MOORE = "وأصدرت مور (52 عاما) بيانا قالت فيه: «أشعر بصدمة تامة.. كنت مسافرة خارج البلاد للقاء بناتي»."


@pytest.mark.parametrize(("sentence", "speaker"), [(EMBASSY, "سفارة تايلاند"),  # (no registry: «لدى واشنطن» is no party)
                                                   (ARMY_SPOKESMAN, "المتحدث الرسمي باسم الجيش"), (MOORE, "مور")],
                         ids=["body", "office", "name"])
def test_what_a_cue_reports_in_a_statement_issued_is_the_issuers(sentence: str, speaker: str) -> None:
    """أصدر فلان بيانا قال فيه (issued a statement in which he said): the one who issued it speaks. The cue names no
    subject, so the speaker had been carried over from an earlier sentence or left unknown; «بيانا جديدا» had been
    taken for the spokesman's name."""
    draft, names = _drafted(sentence)
    spoken = [s for s in draft["statements"] if s["cue"] in ("قالت", "أكد")]
    assert spoken and {names.get(i, i) for s in spoken for i in s["speaker_ids"]} == {speaker}


# Asharq Al-Awsat (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence each: 2015-07-21, http://aawsat.com/home/article/411241/;
# 2015-07-21, http://aawsat.com/home/article/411336/.
SECURITY_OFFICIAL = ("ويأتي ذلك في وقت قال فيه مسؤول أمني إن الجيش سيتسلم تأمين مدينة الإسماعيلية، حيث يقام الاحتفال، بدءا من "
                     "يوم الأحد المقبل.")
DAVUTOGLU = ("هذا في الوقت الذي أعلن فيه رئيس الحكومة التركية أحمد داود أوغلو، أن العناصر الأولى للتحقيق تفيد بأن تنظيم "
             "داعش يقف وراء التفجير.")


@pytest.mark.parametrize(("sentence", "speaker"), [(SECURITY_OFFICIAL, "مسؤول أمني"), (DAVUTOGLU, "أحمد داود أوغلو")],
                         ids=["at-a-time", "relative"])
def test_the_subject_after_in_it_is_the_speaker(sentence: str, speaker: str) -> None:
    """في وقت قال فيه مسؤول أمني إن (at a time when a security official said): the subject comes after «فيه»; it was
    not read (unknown speaker), and after الذي the cue was taken for a relative clause about its antecedent, the time,
    so no statement was drafted."""
    draft, names = _drafted(sentence)
    assert draft["statements"] and {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]} == {speaker}


# Asharq Al-Awsat 2015-07-31, http://aawsat.com/home/article/418951/ (SaudiNewsNet, CC BY-NC-SA 4.0); Al-Eqtisadiya
# 2015-07-31, http://www.aleqt.com/2015/07/31/article_977657.html (SaudiNewsNet, CC BY-NC-SA 4.0): one sentence each.
BOTH_SIDES = ("وأصدر الجانبان ما أطلق عليه «إعلان القاهرة»، وأكدا فيه حرصهما على بذل كل الجهود لتعزيز الأمن والاستقرار في "
              "المنطقة.")
CRITICISED = ("كتب صديقنا الإعلامي والأكاديمي القطري الدكتور أحمد عبدالملك أخيرا مقالا انتقد فيه بقوة برامج \"الكاميرا "
              "الخفية\" بأسمائها وعناوينها المختلفة.")


@pytest.mark.parametrize(("sentence", "word"), [(BOTH_SIDES, "حرصهما"), (CRITICISED, "بقوة")], ids=["dual", "with-b"])
def test_the_object_after_in_it_is_no_name(sentence: str, word: str) -> None:
    """وأكدا فيه حرصهما على ... (they stressed in it their keenness): a dual verb's subject is never after it, so
    «حرصهما» is its object (it spoke in 8 records); انتقد فيه بقوة برامج: a word with ب after «فيه» is no subject."""
    _, names = _drafted(sentence)
    assert not any(name.startswith(word) for name in names.values())


# Al-Riyadh 2015-07-27, http://www.alriyadh.com/1068127 (SaudiNewsNet, CC BY-NC-SA 4.0): a sentence of the article's
# tenth paragraph, and its last six paragraphs.
MERKEL_AND_DAVUTOGLU = ("وقال رئيس الوزراء التركي أحمد داود أوغلو في مؤتمر صحافي إن العمليات الأمنية المكثفة سوف تستمر ما دامت تركيا "
                        "تشعر بالتهديد.\n"
                        "الى ذلك دعت المستشارة الألمانية انجيلا ميركل الحكومة التركية إلى عدم التخلي عن عملية السلام مع الأكراد وذلك "
                        "على الرغم من مشاركتها في الحرب على الإرهاب.\n"
                        "ونقل جورج شترايتر نائب المتحدث باسم الحكومة الألمانية امس عن ميركل قولها خلال مكالمة هاتفية مع رئيس الوزراء "
                        "التركي أحمد داود أوغلو إنه ينبغي الحفاظ على عملية السلام مع الأكراد على الرغم من كل الصعوبات.\n"
                        "وتابع شترايتر أن ميركل أكدت لداود أوغلو دعم وتضامن بلادها مع حكومة أنقرة في حربها على الإرهاب وذكرته \"بواجب "
                        "التناسب\".\n"
                        "ووفقا لشترايتر، فإن داود أوغلو أطلع ميركل خلال المكالمة على تحرك الحكومة التركية في الحرب على الإرهاب بعد "
                        "التفجير الانتحاري الذي وقع في مدينة سروج والهجمات الإرهابية الأخرى ضد قوات الأمن التركية.\n"
                        "وأضاف شترايتر أن الجانبين اتفقا على تبادل وثيق بين وزارتي الخارجية والدفاع في البلدين.\n"
                        "واختتم شترايتر تصريحاته بالقول إن ميركل وداود أوغلو اتفقا أيضا على تعاون وثيق بين وزارتي الداخلية في البلدين "
                        "وذلك في ظل التحرك المشترك ضد المقاتلين المتطرفين وكذلك في ظل جهود التغلب على أزمة اللاجئين.")


def test_a_dual_verb_in_a_clause_is_said_by_the_two_the_clause_names() -> None:
    """إن ميركل وداود أوغلو اتفقا (that Merkel and Davutoglu agreed): a dual verb's two speakers are the two people its
    clause names (by their family names, after the article named them in full), not the one the sentence opens with
    nor «the two named last» (it was Merkel and the spokesman Streiter, who reports it)."""
    draft = extract_text("عنوان\n" + MERKEL_AND_DAVUTOGLU + "\n", "0" * 16, Registry())
    names = _names(draft)
    agreed = _by_exact(draft["statements"], "تعاون وثيق")
    assert agreed["cue"] == "اتفقا"
    assert {names.get(i, i) for i in agreed["speaker_ids"]} == {"انجيلا ميركل", "أحمد داود أوغلو"}


# Al-Weeam 2015-07-23, http://www.alweeam.com.sa/348889/ (SaudiNewsNet, CC BY-NC-SA 4.0): two paragraphs.
CARTER_AND_THE_KING = ("أكد وزير الدفاع الأمريكي آش كارتر أن قدرة إيران على العدوان على المنطقة تمثل هما مشتركا معربا عن القلق "
                       "الامريكي بشأن الأنشطة الضارة التي تنتهجها إيران في المنطقة واحتمالات شن عدوان.\n"
                       "وأوضح كارتر أنه والملك سلمان بن عبد العزيز أكدا خلال المحادثات دعمهما العلني للاتفاق، بينما عبرا عن بعض "
                       "المخاوف كالحاجة لتطبيق ملائم له، مشددا على تعزيز العلاقات الدفاعية مع الرياض بعد الاتفاق النووي مع ايران.")


def test_one_speakers_verb_after_two_spoke_carries_over_the_one_named_alone() -> None:
    """مشددا (stressing, one man) after «أنه والملك سلمان أكدا» (he and the king stressed): the participle's speaker is
    Carter, the one named alone last, not the two of the dual verb before it (they had been carried over together)."""
    draft = extract_text("عنوان\n" + CARTER_AND_THE_KING + "\n", "0" * 16, read_registry(ROOT / "raw")[0])
    names = _names(draft)
    stressed = _by_exact(draft["statements"], "تعزيز العلاقات الدفاعية")
    assert [names.get(i, i) for i in stressed["speaker_ids"]] == ["آش كارتر"]


# Asharq Al-Awsat 2015-07-25, http://aawsat.com/home/article/414551/ (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence of a
# dev2 article; Al-Jazirah 2015-08-08, http://www.al-jazirah.com/2015/20150808/ms1.htm (SaudiNewsNet, CC BY-NC-SA 4.0),
# part of a sentence.
FIELD_COMMANDERS = ("وكان عدد من القادة الميدانيين لطالبان يتساءلون علنا عن شرعية المقاتلين الذين حضروا الجولة المباشرة "
                    "الأولى من المفاوضات.")
DOCTORS = "أكد العديد من الأطباء أن بعض الممارسات الصحية قد تصبح ضارة إذا تم ممارستها في الجو الحار."


@pytest.mark.parametrize(("sentence", "group"), [(FIELD_COMMANDERS, "القادة الميدانيين لطالبان"), (DOCTORS, "الأطباء")],
                         ids=["a-number-of", "many"])
def test_a_group_is_named_without_how_many_of_it_spoke(sentence: str, group: str) -> None:
    """عدد من القادة الميدانيين لطالبان (a number of Taliban field commanders): the group is the field commanders, so its
    name leaves out «عدد من», «العديد من», «بعض» (the gold names it so); «العديد من الأطباء» had been no speaker at all
    (unknown, and «العديد من الأطباء» drafted as what was said)."""
    draft, names = _drafted(sentence)
    assert [[names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]] == [[group]]


# Al-Jazirah 2015-08-08, http://www.al-jazirah.com/2015/20150808/du14.htm (SaudiNewsNet, CC BY-NC-SA 4.0): two sentences.
KABUL_POLICE = ("قتل 20 طالبا عسكريا على الأقل في هجوم انتحاري استهدف أمس الجمعة أكاديمية للشرطة في العاصمة الأفغانية كابول، "
                "وفق ما قالت مصادر عسكرية وأمنية. وفجر انتحاري نفسه عند مدخل الأكاديمية «وسط مجموعة من الطلاب العسكريين "
                "العائدين من عطلة نهاية الأسبوع»، بحسب ما صرح رئيس شرطة كابول عبد الرحمن رحيمي.")


def test_a_quotation_right_before_the_source_the_sentence_cites_is_that_sources() -> None:
    """«...»، بحسب ما صرح رئيس شرطة كابول عبد الرحمن رحيمي: a quotation with no verb of its own, right before the
    attribution, is the words of the source it cites (it had no speaker; in an article, it was the speaker carried
    over)."""
    draft, names = _drafted(KABUL_POLICE)
    quotation = _by_exact(draft["quotations"], "وسط مجموعة")
    assert [names.get(i, i) for i in quotation["speaker_ids"]] == ["عبد الرحمن رحيمي"]


# Al-Riyadh 2015-08-07, http://www.alriyadh.com/1071217 (SaudiNewsNet, CC BY-NC-SA 4.0), one sentence.
UMM_SAYYAF = ("ولعبت أم سياف المنتمية للتنظيم \"دورا مهما في النشاطات الإرهابية\" للتنظيم، حسب ما أعلنت سابقا المتحدثة باسم "
              "مجلس الأمن القومي برناديت ميهان.")


def test_an_adverb_of_time_is_no_name() -> None:
    """حسب ما أعلنت سابقا المتحدثة ... برناديت ميهان (as the spokeswoman announced earlier): سابقا، لاحقا، مؤخرا، حاليا are
    adverbs, never names nor words of one («سابقا» had been a source 7 times in 3,500 drafts, «مؤخرا تنظيم داعش» a
    speaker); after «حسب ما أعلنت» the source follows the adverb."""
    draft, names = _drafted(UMM_SAYYAF)
    assert [[names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]] == [["برناديت ميهان"]]


# Asharq Al-Awsat 2015-07-24, http://aawsat.com/home/article/413706/ (SaudiNewsNet, CC BY-NC-SA 4.0): the first three
# paragraphs of a dev3 article (benchmarks/data/dev3).
JUBEIR_ON_HAMAS = ("أفاد وزير الخارجية السعودي، عادل الجبير، أمس، بأن زيارة وفد حركة «حماس» برئاسة خالد مشعل، رئيس المكتب السياسي،"
          " إلى السعودية في الآونة الأخيرة، كانت من أجل أداء مناسك العمرة، وأن موقف السعودية تجاه حماس وتجاه دعم السلطة "
          "الفلسطينية لم يتغير. وأوضح الوزير الجبير، خلال مؤتمر صحافي عقد مع نظيره المصري، سامح شكري، في جدة أمس، أن «دعم"
          " جهود مصر واستقرارها أيضًا لن يتغير».\n"
          "وذكر الجبير أن لقاء وزير خارجية مصر مع الأمير محمد بن نايف بن عبد العزيز ولي العهد نائب رئيس مجلس الوزراء وزير"
          " الداخلية، تطرق لمناقشة العلاقات الثنائية التي تهم البلدين ودعم تعزيزها، بالإضافة إلى بحث الأمور الإقليمية. "
          "وأشار الجبير إلى أنه بحث خلال لقائه مع نظيره المصري تمتين العلاقات الثنائية بين البلدين، إضافة إلى الشأنين "
          "السوري والعراقي.\n"
          "وبخصوص الملف اليمني، شدد الجبير، على أن القاهرة جزء أساسي ورئيسي في تحالف إعادة الأمل الداعم للشرعية في اليمن،"
          " موضحًا أن بلاده على دراية بجهود ونيات والتزام القاهرة من دون أدنى شك.")


def test_a_family_name_with_al_is_read_in_apposition_after_an_office_and_alone_after_it() -> None:
    """وزير الخارجية السعودي، عادل الجبير، ...: a given name and a family name with ال between commas after an office
    name the speaker (the apposition took only names without ال, so the speaker was «وزير الخارجية السعودي»); then
    «الوزير الجبير» is the office and his family name, and «وأشار الجبير إلى» his family name before a preposition (the
    article writes it alone after verbs of saying). They had been «الوزير» and a word carried over («لمناقشة»)."""
    draft, names = _drafted(JUBEIR_ON_HAMAS)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert all(said[cue] == ["عادل الجبير"] for cue in ("أفاد", "وأوضح", "وذكر", "وأشار", "شدد", "موضحًا")), said


# Al-Eqtisadiya 2015-07-21, http://www.aleqt.com/2015/07/21/article_974946.html (SaudiNewsNet, CC BY-NC-SA 4.0): the
# opening of a dev3 article (benchmarks/data/dev3).
DAVUTOGLU = ("أعلن رئيس الحكومة التركية أحمد داود أوغلو، أن العناصر الأولى للتحقيق تفيد بأن تنظيم داعش يقف وراء الاعتداء "
             "الانتحاري الذي استهدف أمس مدينة سوروتش التركية المجاورة للحدود مع سورية، وأوقع 30 قتيلا على الأقل. وقال "
             "المسؤول التركي في مؤتمر صحافي عقده في أنقرة \"إن العناصر الأولى للتحقيق تكشف أن التفجير ناجم عن اعتداء "
             "انتحاري قام به داعش، في إشارة إلى تسمية سابقة مختصرة للتنظيم.")


def test_a_definite_official_of_a_country_is_the_one_of_that_country_named_before() -> None:
    """وقال المسؤول التركي after رئيس الحكومة التركية أحمد داود أوغلو: the Turkish official is the Turkish prime minister
    named before (he was a new entity, «المسؤول التركي»)."""
    draft, names = _drafted(DAVUTOGLU)
    said = _by_exact(draft["statements"], "إن العناصر الأولى للتحقيق تكشف")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["أحمد داود أوغلو"]


# Asharq Al-Awsat 2015-07-24, http://aawsat.com/home/article/413706/ (SaudiNewsNet, CC BY-NC-SA 4.0): a dev3 article
# (benchmarks/data/dev3), its opening and its fourth and fifth paragraphs.
JUBEIR_AND_SHOUKRY = (
    "أفاد وزير الخارجية السعودي، عادل الجبير، أمس، بأن زيارة وفد حركة «حماس» برئاسة خالد مشعل، رئيس المكتب السياسي، إلى "
    "السعودية في الآونة الأخيرة، كانت من أجل أداء مناسك العمرة، وأن موقف السعودية تجاه حماس وتجاه دعم السلطة الفلسطينية "
    "لم يتغير. وأوضح الوزير الجبير، خلال مؤتمر صحافي عقد مع نظيره المصري، سامح شكري، في جدة أمس، أن «دعم جهود مصر "
    "واستقرارها أيضًا لن يتغير».\n"
    "كما تطرق الوزير السعودي إلى مسألة الاتفاق النووي الإيراني، قائلاً: «نرحب بأي اتفاقية تضمن عدم قدرة إيران امتلاكها "
    "السلاح النووي»، مؤكدًا في السياق ذاته، أهمية دور الرقابة والتفتيش الدولية على المواقع النووية والعسكرية، بما يضمن "
    "عدم امتلاك إيران السلاح النووي.\n"
    "من جانبه، قال وزير الخارجية المصري، إن «هناك تطابقًا في وجهتي النظر المصرية و السعودية تجاه كل أزمات المنطقة "
    "العربية»، مضيفًا أن «هناك تنسيقًا وتكاملاً بين كل أطراف التحالف بشأن اليمن». وأكد أن مصر مع السعودية في كل ما تصبو "
    "إليه من مساعٍ لتحقيق الأمن والاستقرار في المنطقة. وأكد وزير خارجية مصر أن موقف مصر تجاه موضوع اليمن لا يشوبه أي "
    "غموض، وإنما موقف مصر واضح.")


def test_an_office_of_a_country_is_its_holder_named_before_or_named_as_the_counterpart() -> None:
    """الوزير السعودي is the Saudi foreign minister named before; وزير الخارجية المصري (and وزير خارجية مصر, a state the
    registry lacks in the genitive) is «نظيره المصري، سامح شكري»: the counterpart of the minister, named between commas.
    They had been new entities named by the office."""
    draft, names = _drafted(JUBEIR_AND_SHOUKRY)

    def by(records: list[dict[str, Any]], start: str) -> list[str]:
        return [names.get(i, i) for i in _by_exact(records, start)["speaker_ids"]]

    assert by(draft["quotations"], "نرحب بأي اتفاقية") == ["عادل الجبير"]
    assert by(draft["quotations"], "هناك تطابقًا") == by(draft["quotations"], "هناك تنسيقًا") == ["سامح شكري"]
    assert by(draft["statements"], "موقف مصر تجاه موضوع اليمن") == ["سامح شكري"]


# Al-Yaum 2015-08-07, http://www.alyaum.com/article/4082335 (SaudiNewsNet, CC BY-NC-SA 4.0): two paragraphs.
LAVROV_SPOKESWOMAN = ("أفاد وزير الخارجية الأمريكي جون كيري الخميس أنه توصّل إلى اتفاق مع نظيره الروسي سيرجي لافروف قد يحمل "
                      "الأمم المتحدة على تشكيل مجموعة خبراء مكلفة تحدد المسؤولين خلف الهجمات بغاز الكلور في سوريا.\n"
                      "وأكّدت متحدثة باسم وزارة الخارجية الروسية أنه تمت مناقشة المسألة.")


def test_an_indefinite_office_is_not_one_named_before() -> None:
    """Guard for the rule above: «متحدثة باسم وزارة الخارجية الروسية» (a spokeswoman) is not the Russian named before
    (a version that took any word with ال for a definite office made her Sergei Lavrov)."""
    draft = extract_text("عنوان\n" + LAVROV_SPOKESWOMAN + "\n", "0" * 16, read_registry(ROOT / "raw")[0])
    names = _names(draft)
    said = _by_exact(draft["statements"], "تمت مناقشة المسألة")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["متحدثة باسم وزارة الخارجية الروسية"]


# Asharq Al-Awsat 2015-07-25, http://aawsat.com/home/article/414716/ (SaudiNewsNet, CC BY-NC-SA 4.0): paragraphs of a
# dev3 article (benchmarks/data/dev3), the Kenyan press on Obama's visit.
KENYAN_PAPERS = (
    "واحتلت زيارة أوباما الصفحات الأولى للصحف الكينية اليوم أيضا. وعنونت صحيفة «ذي ستاندارد»: «كينيا أنا هنا»، مع صورة "
    "للرئيس الأميركي عند وصوله إلى المطار، بينما اختارت «ذي ستار» عنوان «وصل أوباما».\n"
    "وتحدثت صحيفة «ذي ديلي نيشن» عن «ظاهرة أوباما»، كما دعت الكينيين إلى التمثل به واغتنام «الفرص التي تقدم لنا كأفراد "
    "وكأمة بلا حدود».\n"
    "وأضافت الصحيفة: «إذا كان هناك شيء يجب تعلمه من الزيارة الرئاسية، فهو أنّنا نستطيع بالتأكيد تجاوز الانقسامات الصغيرة "
    "التي كانت سببًا في جعلنا نقف ضد بعضنا بعضا».\n"
    "وقال حاكم منطقة العاصمة إيفانز كيديرو إن الزيارة «تصويت على الثقة لمدينتنا وبلدنا».")


def test_papers_headline_and_speak_and_a_governor_is_an_office() -> None:
    """«وعنونت صحيفة «ذي ستاندارد»: «...»: a paper's headline is its quotation (عنونت is a cue; the speaker had been
    unknown); «ذي ستار» is a paper's name, no quotation; a registry name inside quote marks («ظاهرة أوباما») is not the
    subject of the verb after it (كما دعت: Obama had been), so the paper speaks on, and «وأضافت الصحيفة» is it too;
    «حاكم» is an office, so «حاكم منطقة العاصمة إيفانز كيديرو» is the speaker (he had been the paper carried over)."""
    draft = extract_text("عنوان\n" + KENYAN_PAPERS + "\n", "0" * 16, read_registry(ROOT / "raw")[0])
    names = _names(draft)

    def by(start: str) -> list[str]:
        return [names.get(i, i) for i in _by_exact(draft["quotations"], start)["speaker_ids"]]

    assert by("كينيا أنا هنا") == ["ذي ستاندارد"]
    assert not [q for q in draft["quotations"] if q["exact"] == "ذي ستار"]
    assert by("الفرص التي تقدم") == by("إذا كان هناك شيء") == ["ذي ديلي نيشن"]
    assert by("تصويت على الثقة") == ["إيفانز كيديرو"]


# Asharq Al-Awsat 2015-07-26, http://aawsat.com/home/article/415081/ (SaudiNewsNet, CC BY-NC-SA 4.0): paragraphs of a
# dev3 article (benchmarks/data/dev3); the first quote is never closed in the original.
HODEIDAH = (
    "وقال أحد العاملين في جمارك ميناء الحديدة، طالبا عدم كشف هويته، إن «ميناء الحديدة توقف عن العمل منذ سيطرة جماعة "
    "الحوثي عليه. وأضاف المصدر أن «سيطرة الحوثيين على الميناء تسببت في واحدة من أكبر المشكلات التي يواجهها الميناء».\n"
    "وكان وزير النقل اليمني بدر باسلمة، قد أبلغ الأمم المتحدة في يونيو (حزيران) الماضي بضرورة إيصال المساعدات للمتضررين "
    "وتوزيعها بشكل عادل عن طريق ميناء الحديدة، مضيفا أنه في حال لم يحدث ذلك سيغلق ميناء الحديدة كإجراء احتجاجي حتى يتم "
    "إيصال المساعدات الإغاثية لمستحقيها، متهما المسلحين الحوثيين بحصر المساعدات في ميناء الحديدة للاستيلاء عليها.")


def test_the_source_is_the_unnamed_one_who_spoke_and_kana_opens_with_the_subject() -> None:
    """«وأضاف المصدر» after «وقال أحد العاملين ...» is that worker (it had been a new «المصدر»); in «وكان وزير النقل
    اليمني بدر باسلمة، قد أبلغ الأمم المتحدة ...، مضيفا ...، متهما» the participles are the minister's, the subject
    between كان and قد (the UN had been carried over), and his family name in ة before قد ends his name."""
    draft, names = _drafted(HODEIDAH)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert said["وأضاف"] == said["وقال"] == ["أحد العاملين"], said
    assert said["مضيفا"] == said["متهما"] == ["بدر باسلمة"], said


# Asharq Al-Awsat 2015-07-25, http://aawsat.com/home/article/414151/ (SaudiNewsNet, CC BY-NC-SA 4.0): one sentence.
RUSSIA_AND_PUTIN = ("وكانت روسيا قد أكدت في مناسبات مختلفة أن اليونان لم تتوجه إليها بطلب المساعدات وأشارت بهذا الصدد إلى قمة "
                    "دول «بريكس» التي انعقدت في مدينة أوفا الروسية خلال الفترة من 8 إلى 10 يوليو (تموز)، حيث أكد الرئيس "
                    "الروسي فلاديمير بوتين أن تسيبراس لم يتوجه بطلب للحصول على مساعدات، مشيرا إلى أن روسيا قادرة على تقديم "
                    "الدعم المالي لشركائها.")


def test_a_participle_after_a_named_speaker_is_his_though_kana_opened_the_sentence() -> None:
    """Guard for the rule above: a participle after «حيث أكد الرئيس الروسي فلاديمير بوتين أن» is Putin's, not Russia's,
    the subject of the كان ... قد the sentence opened with; and «بهذا» (بهذا الصدد) is no name (it was the speaker of
    «وأشارت»)."""
    draft, names = _drafted(RUSSIA_AND_PUTIN)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert said["مشيرا"] == said["أكد"] == ["فلاديمير بوتين"], said
    assert "بهذا" not in names.values()


# Asharq Al-Awsat 2015-08-01, http://aawsat.com/home/article/419956/ and 2015-08-02, http://aawsat.com/home/article/420366/
# (SaudiNewsNet, CC BY-NC-SA 4.0): sentences of two dev3 articles (benchmarks/data/dev3).
CLINTON_ON_CUBA = ("دعت وزيرة الخارجية الأميركية السابقة المرشحة لانتخابات الحزب الديمقراطي للرئاسة الأميركية هيلاري كلينتون، "
                   "أمس، الجمعة، مجددًا إلى إنهاء الحصار الأميركي المفروض على كوبا.\n"
                   "وكانت تدعو خصوصا إلى رفع الحظر الاقتصادي المفروض على الجزيرة الشيوعية منذ عام 1962.")
KHOSHNAW = ("وفي هذا السياق يقول القيادي في التحالف الكردستاني وعضو لجنة العلاقات الخارجية في البرلمان العراقي السابق مهدي "
            "خوشناو لـ«الشرق الأوسط» إن «ما حصل من تقدم على صعيد العلاقات بين العراق والكويت هو أمر مهم يمكن البناء عليه في "
            "المستقبل»، مشيرا إلى أن ذلك لم يعد أمرا يخص الكويت والعراق.")


def test_a_name_that_ends_a_long_title_is_the_speaker() -> None:
    """A definite title the parse reads only in part (السابقة المرشحة لانتخابات ...؛ وعضو لجنة ... في البرلمان العراقي
    السابق), then a name of two words before the phrase ends: that name speaks (the speaker had been the title alone).
    «وكانت تدعو» is a past of the one spoken of, not a reporter's formula, and «خصوصا» is no name."""
    draft, names = _drafted(CLINTON_ON_CUBA + "\n" + KHOSHNAW)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert said["دعت"] == said["تدعو"] == ["هيلاري كلينتون"], said
    assert said["يقول"] == said["مشيرا"] == ["مهدي خوشناو"], said


# Al-Riyadh 2015-08-04, http://www.alriyadh.com/1070360; Al-Yaum 2015-07-27, http://www.alyaum.com/article/4080307;
# Sabq 2015-07-24, http://sabq.org/mBCgde (SaudiNewsNet, CC BY-NC-SA 4.0): one sentence each.
ASIRI = ("أكد الناطق الرسمي باسم قوات التحالف المشتركة العميد ركن طيار أحمد عسيري مستشار وزير الدفاع أن جميع العمليات "
         "العسكرية التي نفذتها عاصفة الحزم خلال الفترة الماضية والتي تنفذها في الوقت الحالي معلنة أمام الرأي العام.")
IDEIS = ("واتهم وزير الاوقاف والشؤون الدينية الفلسطينية يوسف ادعيس إسرائيل بأنها «اقتحمت المسجد الاقصى واعتدت على المصلين "
         "وخربت وأطلقت أعيرة نارية ولا تراعي كبيرًا في السن ولا صغيرًا».")
TABUK = ("وقال المتحدث الإعلامي لجامعة تبوك \"الدكتور محمد الثبيتي\": إن  الجامعة تود أن توضح أن المتقدمة حاصلة على الثانوية "
         "العامة من الثانوية الثانية بمحافظة البدع.")


def test_a_rank_of_several_words_introduces_the_name_and_a_state_after_it_is_the_object() -> None:
    """«العميد ركن طيار أحمد عسيري»: ركن and طيار are words of the rank (they were read as his name); «يوسف ادعيس
    إسرائيل بأنها»: the state after the name is what he accused, not his name. Guard: «المتحدث الإعلامي لجامعة تبوك»
    names no one «لجامعة تبوك» (a word with ل attached is the office's complement, never the start of its holder's name)."""
    said = {}
    for text in (ASIRI, IDEIS, TABUK):
        draft, names = _drafted(text)
        said.update({s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]})
        said.update({"Q" + q["exact"][:6]: [names.get(i, i) for i in q["speaker_ids"]] for q in draft["quotations"]})
    assert said["أكد"] == ["أحمد عسيري"], said
    assert said["Qاقتحمت"] == ["يوسف ادعيس"], said
    assert not any(name.startswith("لجامعة") for speakers in said.values() for name in speakers), said


# Al-Weeam 2015-07-26, http://www.alweeam.com.sa/349368/ and Al-Eqtisadiya 2015-08-08,
# http://www.aleqt.com/2015/08/08/article_979938.html (SaudiNewsNet, CC BY-NC-SA 4.0): sentences of two dev4 articles
# (benchmarks/data/dev4); Asharq Al-Awsat 2015-07-31, http://aawsat.com/home/article/418976/ (SaudiNewsNet, CC BY-NC-SA
# 4.0): two paragraphs.
ROUHANI = ("وردد الرئيس الايراني حسن روحاني هذه الرسالة في خطاب ألقاه اليوم الأحد خلال زيارة لاقليم كردستان الايراني فقال "
           "“الشعب الايراني يدعم كل الشعوب المقهورة.”")
WESTPHAL = ("أما السفير الأمريكي لدى السعودية جوزيف ويستفول أدان الحادث الإرهابي الذي استهدف المصلين في مسجد قوات الأمن "
            "بمنطقة عسير. وقال في بيان: \"إنني أدين بأشد العبارات التفجير الذي استهدف جامع في مدينة عسير، مضيفا: قلبي مع "
            "ذوي الضحايا.")
JUBEIR_CLOSING = ("وأشار الجبير إلى أنه تم وضع آلية لنقل العلاقات بين البلدين إلى آفاق استراتيجية جديدة.\n"
                  "واختتم الوزير حديثه قائلا: «إن (مصر والسعودية) جناحي الأمة الإسلامية يرفرفان خدمة للشعوب العربية "
                  "والإسلامية».")


def test_fa_qala_is_said_by_the_one_who_opens_the_sentence_and_a_name_in_waw_stays_whole() -> None:
    """«وردد الرئيس الايراني حسن روحاني هذه الرسالة ... فقال “...”»: «فقال» has no subject after it; the office and
    name after the verb that opens the sentence say it (it had been carried over from the sentence before). «جوزيف
    ويستفول»: a given name nobody was named by, then a name in و, is one name, not two people (جوزيف and يستفول).
    Guard: «واختتم الوزير حديثه قائلا» is no one named حديثه (an office's one-word "name" may be the verb's object)."""
    draft, names = _drafted(ROUHANI)
    assert [names.get(i, i) for i in draft["quotations"][0]["speaker_ids"]] == ["حسن روحاني"]
    draft, names = _drafted(WESTPHAL)
    assert {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]} == {"جوزيف ويستفول"}
    draft, names = _drafted(JUBEIR_CLOSING)
    assert "حديثه" not in names.values()


# Al-Yaum 2015-07-22, http://www.alyaum.com/article/4079645 (SaudiNewsNet, CC BY-NC-SA 4.0): two sentences of a dev4
# article (benchmarks/data/dev4).
CAMERON = ("حدد رئيس الوزراء البريطاني ديفيد كاميرون رؤية حكومته للقضاء على ما سماه «التطرف الإسلامي» في بريطانيا. "
           "وتعهد رئيس الوزراء البريطاني «بمواجهة التطرف بجميع أشكاله، العنيف وغير العنيف». وانتقدت صحيفة غارديان "
           "إستراتيجية رئيس الوزراء البريطاني ديفيد كاميرون لمواجهة التطرف.")


def test_an_office_named_twice_with_its_holder_once_with_the_verbs_object_after_is_that_holder() -> None:
    """«رئيس الوزراء البريطاني» alone is the one the article names in that office, although it reads «ديفيد كاميرون رؤية
    حكومته» once (the object glued to the name) and «ديفيد كاميرون» once: one name and a longer reading of it, not two
    people (it had been a new entity named by the office)."""
    draft, names = _drafted(CAMERON)
    assert [names.get(i, i) for i in _by_exact(draft["quotations"], "بمواجهة التطرف")["speaker_ids"]] == ["ديفيد كاميرون"]


# Al-Riyadh 2015-07-22, http://www.alriyadh.com/1066596 (SaudiNewsNet, CC BY-NC-SA 4.0): one sentence, cut.
BIN_MUSAED = "فبعد أن أعلن الأمير عبدالرحمن بن مساعد استقالته عن رئاسة الهلال، لحق به الأمير خالد بن سعد وترجل عن رئاسة الشباب."


def test_a_noun_with_a_possessive_pronoun_is_the_verbs_object_not_a_name() -> None:
    """«أعلن الأمير عبدالرحمن بن مساعد استقالته»: «استقالته» (his resignation) ends his name's run, and is no word of
    it (the speaker had been «عبدالرحمن بن مساعد استقالته»); a name of one or two words ending so (حكايتها، خفاياهم،
    مقدمته) is no name at all."""
    draft, names = _drafted(BIN_MUSAED)
    assert {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]} == {"عبدالرحمن بن مساعد"}
    draft, names = _drafted("وأكد مقدمته أن البرنامج ناجح.")
    assert "مقدمته" not in names.values()


# Al-Riyadh 2015-07-26, http://www.alriyadh.com/1067995; Al-Jazirah 2015-07-21, http://www.al-jazirah.com/2015/20150721/du4.htm
# (SaudiNewsNet, CC BY-NC-SA 4.0): one sentence each, cut.
MUTAIRI = "وأوضح الوكيل المساعد لشؤون البيئة حاتم المطيري، أن الغرامات تنوعت ما بين مخالفة مالية وأمر إغلاق."
TO_REUTERS = ("وقالت لرويترز «حضر شبان أتراك وأكراد لعبور الحدود إلى كوباني وكانت هناك أنشطة ستستمر على مدى أيام» مضيفة أن "
              "نواب حزبها سيصلون إلى موقع الانفجار.")


def test_an_offices_field_is_no_name_and_neither_is_the_agency_spoken_to() -> None:
    """«الوكيل المساعد لشؤون البيئة حاتم المطيري»: لشؤون البيئة is the office's field, then his name (the speaker had
    been «لشؤون», 24 times in 3,500 drafts); «وقالت لرويترز «...»»: the agency she spoke to is no speaker («لرويترز»
    had been one)."""
    draft, names = _drafted(MUTAIRI)
    assert {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]} == {"حاتم المطيري"}
    draft, names = _drafted(TO_REUTERS)
    assert not any(name.startswith("لرويترز") for name in names.values())


# Al-Riyadh 2015-07-31, http://www.alriyadh.com/1069260; Al-Watan 2015-07-24,
# http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=229909&CategoryID=1; Asharq Al-Awsat 2015-07-31,
# http://aawsat.com/home/article/418756/ and 2015-07-22, http://aawsat.com/home/article/411936/ (SaudiNewsNet, CC BY-NC-SA
# 4.0): sentences of four dev5 articles (benchmarks/data/dev5), cut.
OULD_CHEIKH = ("تسلم الأمين العام لجامعة الدول العربية الدكتور نبيل العربي رسالة من الأمين العام للأمم المتحدة نقلها مبعوثه "
               "الخاص باليمن إسماعيل ولد الشيخ أحمد.\n"
               "وقال «ولد الشيخ أحمد» في مؤتمر صحافي مشترك عقده أمس مع الأمين العام للجامعة العربية «إن هناك تطابقا في "
               "وجهات النظر بأن الحل السياسي هو الحل الوحيد للأزمة اليمنية».")
ISRAELI_POLICE = ("تواصلت الاقتحامات الإسرائيلية للمسجد الأقصى وسط حالة من التوتر الشديد بين المصلين وجماعات المستوطنين "
                  "الإسرائيليين. وقالت الشرطة الإسرائيلية إنها أوقفت يهوديين.")
AI_WEIWEI = "قال الفنان الصيني المعارض آي ويوي أمس إن بريطانيا رفضت طلبه الحصول على تأشيرة دخول لستة أشهر."
BEN_GUERDANE = ("نفى بلحسن الوسلاتي، المتحدث باسم وزارة الدفاع التونسية، خبر نقل قاعدة عسكرية أميركية، وقال لـ«الشرق الأوسط» "
                "إن الوزارة لا علم لها بذلك.\n"
                "واعتبر الشبان المحتجون أن بناء الجدار العازل يعد «فشلا ذريعا في مقاومة الإرهاب»، وأوضحوا أنه من شأن "
                "الجدار العازل أن يضيق الخناق على التجارة الموازية.")


def test_a_name_in_quote_marks_a_police_an_artist_and_a_plural_verb() -> None:
    """«وقال «ولد الشيخ أحمد» في مؤتمر»: the end of a full name the article wrote, in quote marks after the cue, is the
    speaker, and no quotation (he had been unknown); «الشرطة الإسرائيلية» is a body that speaks; «الفنان» is a
    description, so «الفنان الصيني المعارض آي ويوي» names him; «وأوضحوا» (a plural verb) is never the one person who
    spoke last (the spokesman had been carried over to it)."""
    draft, names = _drafted(OULD_CHEIKH)
    assert [q["exact"] for q in draft["quotations"] if q["exact"] == "ولد الشيخ أحمد"] == []
    assert [names.get(i, i) for i in draft["quotations"][0]["speaker_ids"]] == ["إسماعيل ولد الشيخ أحمد"]
    for text, cue, speaker in ((ISRAELI_POLICE, "وقالت", "الشرطة الإسرائيلية"), (AI_WEIWEI, "قال", "آي ويوي")):
        draft, names = _drafted(text)
        said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
        assert said[cue] == [speaker], said
    draft, names = _drafted(BEN_GUERDANE)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert said["وقال"] == ["بلحسن الوسلاتي"] and said["وأوضحوا"] != ["بلحسن الوسلاتي"], said


# Asharq Al-Awsat 2015-08-01, http://aawsat.com/home/article/419611/ and Ain Alyoum 2015-08-08,
# http://www.3alyoum.com/news/pol/a/ (SaudiNewsNet, CC BY-NC-SA 4.0): sentences of two dev6 articles
# (benchmarks/data/dev6), the first cut.
SALVA_KIIR = ("أبدى رئيس جنوب السودان سلفا كير ميارديت تحفظه على مسودة وثيقة اتفاق السلام النهائي، التي وزعتها وساطة الهيئة "
              "الحكومية للتنمية لدول شرق أفريقيا (الإيقاد) وشركاؤها.")
BASRA_PROTESTER = ("وقال محتج يدعى منتظر حاتم (55 عاما) في البصرة اليوم الجمعة “ادعو إلى محاربة أي مسؤول فاسد… انهم اخطر من داعش "
                   "(الدولة الإسلامية). انهم إرهابيون.”")


def test_a_state_of_two_words_in_an_offices_genitive_and_a_protester_called_so() -> None:
    """«رئيس جنوب السودان سلفا كير ميارديت»: جنوب السودان, a state of two words in the office's genitive, then the name
    (the phrase had been «رئيس جنوب», and the speaker's words began at «السودان»); «محتج يدعى منتظر حاتم»: a protester
    "called" so is named so (he had been «محتج يدعى منتظر حاتم»)."""
    words = matching_short(SALVA_KIIR).split()[1:9]  # (after the verb)
    phrase = parse_phrase(words)
    assert phrase.country is not None and phrase.country.en == "South Sudan"
    first, last = phrase.names[0]
    assert " ".join(words[first:last]).startswith("سلفا كير ميارديت")
    draft, names = _drafted(BASRA_PROTESTER)
    assert [names.get(i, i) for i in draft["quotations"][0]["speaker_ids"]] == ["منتظر حاتم"]


# Asharq Al-Awsat 2015-07-25, http://aawsat.com/home/article/414451/ (a dev4 article, benchmarks/data/dev4) and
# Al-Eqtisadiya 2015-07-26, http://www.aleqt.com/2015/07/26/article_976284.html (SaudiNewsNet, CC BY-NC-SA 4.0): one
# sentence each, the first cut.
SYRIAN_BODIES = ("أعلن كل من «هيئة التنسيق الوطنية السورية» و«الائتلاف الوطني لقوى المعارضة والثورة السورية»، أمس، التوصّل "
                 "إلى «خارطة طريق» لإنقاذ سوريا.")
RHODES_ON_PKK = ("وذكر بن رودس نائب مستشار الامن القومي الذي يرافق الرئيس الاميركي باراك اوباما في زيارته الى كينيا، من نيروبي "
                 "بان الولايات المتحدة تعتبر حزب العمال الكردستاني \"منظمة ارهابية\"، ورأى ان تركيا \"من حقها القيان باعمال "
                 "ضد اهداف ارهابية\".")


def test_a_bodys_name_in_quote_marks_is_no_quotation_but_words_calling_one_so_are() -> None:
    """«هيئة التنسيق الوطنية السورية»، «الائتلاف الوطني لقوى المعارضة والثورة السورية»: a kind of body, then its name,
    in quote marks: a name, not a quotation (both had been quotations). Guard: "منظمة ارهابية", a kind with an
    indefinite adjective, is the words someone called a party, and stays a quotation."""
    draft, _ = _drafted(SYRIAN_BODIES)
    assert not any(q["exact"].startswith(("هيئة التنسيق", "الائتلاف الوطني")) for q in draft["quotations"])
    draft, _ = _drafted(RHODES_ON_PKK)
    assert "منظمة ارهابية" in [q["exact"] for q in draft["quotations"]]


SYRIAN_SIDES = (SYRIAN_BODIES + "\nكذلك اتفق الطرفان على إدانة «استهداف النظام بشكل مروّع المدنيين العزل في كافة المدن والبلدات "
                "السورية باستخدام البراميل المتفجرة والصواريخ».")


def test_bodies_named_in_quote_marks_speak_and_the_two_sides_are_they() -> None:
    """«أعلن كل من «هيئة التنسيق الوطنية السورية» و«الائتلاف الوطني ...»»: the two bodies named in quote marks after
    the cue are its speakers (it had been unknown), and «اتفق الطرفان» (the two sides) is said by the two who spoke
    together last (it had been carried over)."""
    draft, names = _drafted(SYRIAN_SIDES)
    said = {s["cue"]: sorted(names.get(i, i) for i in s["speaker_ids"]) for s in draft["statements"]}
    both = sorted(["هيئة التنسيق الوطنية السورية", "الائتلاف الوطني لقوى المعارضة والثورة السورية"])
    assert said["أعلن"] == said["اتفق"] == both, said


# Al-Yaum 2015-07-22, http://www.alyaum.com/article/4079645 (SaudiNewsNet, CC BY-NC-SA 4.0): two sentences of a dev4
# article (benchmarks/data/dev4).
GUARDIAN_EDITORIAL = ("وانتقدت افتتاحية صحيفة غارديان إستراتيجية رئيس الوزراء البريطاني ديفيد كاميرون لمواجهة التطرف التي أعلنها "
                      "في خطابه أمس الاثنين. ورأت الصحيفة في افتتاحيتها أن لدى الحكومة صورة واضحة عن خطر أيديولوجية التطرف، "
                      "لكنها لا تزال مرتبكة بشأن كيفية منع الناس من الانجذاب إليها.")


def test_a_document_of_a_body_named_by_its_kind_is_the_bodys() -> None:
    """«افتتاحية صحيفة غارديان»: the editorial of a paper named by its kind and a name is the paper's (it had been a new
    entity «افتتاحية» carried over everywhere after), so «ورأت الصحيفة» takes the paper up."""
    draft, names = _drafted(GUARDIAN_EDITORIAL)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert said["وانتقدت"] == said["ورأت"] == ["صحيفة غارديان"], said


# Asharq Al-Awsat 2015-08-01, http://aawsat.com/home/article/419611/ (a dev6 article, benchmarks/data/dev6) and Al-Riyadh
# 2015-08-03, http://www.alriyadh.com/1070040 (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, cut.
BOOTH = ("في وقت أكد فيه دونالد بوث، المبعوث الأميركي إلى جنوب السودان، أن صبر بلاده قد نفد.\n"
         "وكان المبعوث الأميركي إلى جنوب السودان دونالد بوث قد حذر في مؤتمر صحافي في جوبا أطراف النزاع "
         "في جنوب السودان من نفاد صبر بلاده بسبب فشلهم في التوصل إلى اتفاق سلام، وقال إن المحادثات بين هذه الأطراف تهدف إلى "
         "إنهاء أكثر من 19 شهرًا من القتال.")
FRENCH_DEPUTY = ("اتهم نائب فرنسي معارض ديفيد كاميرون بالإخفاق في تقدير \"خطورة المشكلة\".\nوحذر كاميرون من أن الأزمة يمكن أن "
                 "تستمر طوال الصيف.")


def test_a_description_is_the_one_person_the_article_names_with_it() -> None:
    """«وكان المبعوث الأميركي إلى جنوب السودان دونالد بوث قد حذر ...، وقال إن»: the envoy described is the one person the
    article names with that description (after it, past its complement, or before it and a comma: دونالد بوث، المبعوث
    الأميركي); the statement had been said by a new entity «المبعوث الأميركي». Guard: an indefinite description (نائب
    فرنسي معارض) is never named, so the name after it (the verb's object) does not take it up."""
    draft, names = _drafted(BOOTH)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert said["وقال"] == said["أكد"] == ["دونالد بوث"], said
    draft, names = _drafted(FRENCH_DEPUTY)
    quoted = _by_exact(draft["quotations"], "خطورة المشكلة")
    assert [names.get(i, i) for i in quoted["speaker_ids"]] != ["ديفيد كاميرون"]


# Al-Watan 2015-07-24, http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=229909&CategoryID=1 (a dev5 article,
# benchmarks/data/dev5), Asharq Al-Awsat 2015-08-07, http://aawsat.com/home/article/424056/ and 2015-07-31,
# http://aawsat.com/home/article/417956/ (SaudiNewsNet, CC BY-NC-SA 4.0): one sentence each, cut.
HOSPITAL = ("وقال نائب مدير المستشفى، الدكتور يوسف تكروري لـ\"الوطن\": تم تقديم الإسعاف له بشكل مستعجل ولكن دون جدوى.")
GOVERNOR = "وقال حاكم المقاطعة، عليم فدائي: «التفجير كان كبيرا، ونُفذ عن طريق شاحنة صغيرة».\n"
BOLIVIA = ("واحتفى مارسيلو كلاوري بسقوط تشافيز، حسبما أفاد المتحدث باسم الاتحاد البوليفي لكرة القدم، بيد أن كلاوري لم يكشف عن "
           "نيته بعد في الترشح لرئاسة الاتحاد.")


def test_a_name_after_a_description_and_a_comma_before_the_one_spoken_to_or_a_colon() -> None:
    """«نائب مدير المستشفى، الدكتور يوسف تكروري لـ"الوطن":», «حاكم المقاطعة، عليم فدائي:»: the name set after a comma (a
    title first) and closed by the attached لـ or a colon, not a second comma, is the speaker's (they had been the
    descriptions, or a person named earlier in the article). Guard: «بيد» before أن is no name."""
    for sentence, name in ((HOSPITAL, "يوسف تكروري"), (GOVERNOR, "عليم فدائي")):
        draft, names = _drafted(sentence)
        assert [names.get(i, i) for i in draft["statements"][0]["speaker_ids"]] == [name], sentence
    draft, names = _drafted(BOLIVIA)
    assert "بيد" not in {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]}


# Asharq Al-Awsat 2015-07-26, http://aawsat.com/home/article/415071/ and 2015-07-23,
# http://aawsat.com/home/article/413116/ (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, cut.
HADI_AND_MANSOUR = ("وأشاد الرئيس اليمني عبد ربه منصور هادي بمواقف الإمارات وقيادتها.\nوقال الشيخ منصور بن زايد نائب رئيس مجلس "
                    "الوزراء وزير شؤون الرئاسة: «يتجدد عطاء الإمارات الإنساني على الصعيد الإقليمي».")
TWO_ROBERTS = ("ويقول روبرت تشيسني، وهو أستاذ القانون لدى جامعة تكساس، والذي عمل على سياسة المعتقلين للإدارة الأميركية "
               "خلال 2009 إن «فرص إنجاز تلك المهام خلال ما تبقى من فترة أوباما الرئاسية تتضاءل على نحو متزايد».\n"
               "وصرح روبرت وورك، نائب وزير الدفاع، في بيان صادر عنه بأن وزارة الدفاع «ستستمر في العمل مع فريق الأمن القومي ومع الكونغرس».")


def test_a_name_that_shares_a_given_name_with_one_named_before_is_another_person() -> None:
    """«منصور بن زايد» after «عبد ربه منصور هادي», «روبرت وورك» after «روبرت تشيسني»: a name whose first word is only a
    given (or middle) name of a person named before is a new person, whole; it had been read as that person, the rest of
    the name left to the words said (a surname named before, وأخبر روته ناكاتاني, still ends the name)."""
    draft, names = _drafted(HADI_AND_MANSOUR)
    assert [names.get(i, i) for i in draft["quotations"][-1]["speaker_ids"]] == ["منصور بن زايد"]
    draft, names = _drafted(TWO_ROBERTS)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert said["وصرح"] == ["روبرت وورك"], said


# Asharq Al-Awsat 2015-07-22, http://aawsat.com/home/article/411936/ (a dev5 article, benchmarks/data/dev5), 2015-08-05,
# http://aawsat.com/home/article/421291/ (a dev4 article, benchmarks/data/dev4), 2015-06-19,
# http://aawsat.com/home/article/394661/ (SaudiNewsNet, CC BY-NC-SA 4.0): titles and sentences, some cut.
TUNISIA_DENIES = ("تونس تنفي تمكين الولايات المتحدة من قاعدة للتنصت اللاسلكي\n"
                  "نفى بلحسن الوسلاتي، المتحدث باسم وزارة الدفاع التونسية، خبر نقل قاعدة عسكرية أميركية من إيطاليا إلى تونس.\n")
HAFTAR_ACCUSES = "حفتر يتهم تركيا مجددًا بدعم الإرهاب.. والبرلمان يبحث عن التمديد لولايته\n"
# Al-Weeam 2015-07-26, http://www.alweeam.com.sa/349396/ (SaudiNewsNet, CC BY-NC-SA 4.0): the title and a sentence, cut.
AL_DAKHIL = ("«الدخيل» يشدد على تحقيق رغبات المستفيدين وإنهاء معاملاتهم بأسرع وقت ممكن\n"
             "وحث الدكتور الدخيل على نشر أرقام الاتصال الهاتفي في موقع الوزارة.\n")
PUTIN_MEETING = ("لقاء بوتين مع مديري وكالات الأنباء تقليد سنوي يكشف حقيقة سياسات الكرملين\n"
                 "وحذر بوتين من مغبة اندلاع «حرب باردة» جديدة.\n")


def _with_title(text: str) -> tuple[dict[str, Any], dict[str, str]]:
    draft = extract_text(text, "0123456789abcdef", _registry(), {})
    return draft, {e["entity_id"]: e["names_ar"][0] for e in draft["entities"]}


def test_a_headline_that_reports_speech_is_a_statement_of_its_subject() -> None:
    """«تونس تنفي تمكين ...» as the title: the subject before a present cue is its speaker, the object its content
    (titles were not drafted; guidelines §3: titles are content). «يتهم تركيا مجددًا بدعم الإرهاب»: an adverb (مجددا)
    before the attached ب is not a preposition that takes it (the content had not been found); a denial's noun object is
    what was denied. Guards: the title's quote marks make no quotation, and a title read
    after the body neither renames the body's speakers (بوتين, not «لقاء بوتين») nor is carried into them."""
    draft, names = _with_title(TUNISIA_DENIES)
    said = {s["cue"]: ([names.get(i, i) for i in s["speaker_ids"]], s["exact"]) for s in draft["statements"]}
    assert said["تنفي"][1].startswith("تمكين الولايات المتحدة") and said["تنفي"][0] in (["تونس"], ["TUN"]), said
    draft, names = _with_title(HAFTAR_ACCUSES)
    assert [(s["cue"], s["exact"]) for s in draft["statements"]] == [("يتهم", "بدعم الإرهاب")]
    draft, names = _with_title(PUTIN_MEETING)
    for record in (*draft["statements"], *draft["quotations"]):
        if record["exact"] != "حقيقة سياسات الكرملين":  # (the title's own)
            assert [names.get(i, i) for i in record["speaker_ids"]] in (["بوتين"], ["vladimir-putin"]), record
    draft, _ = _with_title(AL_DAKHIL)
    assert not any(q["exact"] == "الدخيل" for q in draft["quotations"])


# Asharq Al-Awsat 2015-08-02, http://aawsat.com/home/article/420426/ and 2015-08-01, http://aawsat.com/home/article/419711/
# (dev7 articles, benchmarks/data/dev7) and 2015-07-21, http://aawsat.com/home/article/411306/ (SaudiNewsNet,
# CC BY-NC-SA 4.0): sentences, cut.
QUETTA_SHURA = ("بينما أظهر قيادي طالباني آخر، وهو عضو مجلس «شورى كويتا»، هو الملا عبد الرزاق، معارضته لأختر منصور، مشيرًا "
                "إلى أن تعيينه جاء من قبل باكستانيين.")
DEMOCRATIC_BLOC = "وأوضحت مصادر الائتلاف أن «الكتلة الديمقراطية» أعربت عن استعدادها لدعم ترشيح نيربية."
COUNCIL_ENDORSES = ("جاء في قرار مجلس الأمن الدولي، أمس، أن المجلس «يصادق» على اتفاق فيينا و«يطالب بإلحاح بتطبيقه بالكامل وفق "
                    "الجدول الزمني الذي وضعه المفاوضون».")


def test_a_body_named_in_quote_marks_after_its_kind_is_no_quotation() -> None:
    """مجلس «شورى كويتا»: a kind of body in the construct state, then its name in quote marks; «الكتلة الديمقراطية»: a
    kind of body (كتلة) and its adjective. Names, not quotations (both had been quotations). Guard: after the definite
    «المجلس», a quoted verb is what the council said («يصادق»)."""
    for sentence, name in ((QUETTA_SHURA, "شورى كويتا"), (DEMOCRATIC_BLOC, "الكتلة الديمقراطية")):
        draft, _ = _drafted(sentence)
        assert name not in [q["exact"] for q in draft["quotations"]], sentence
    draft, _ = _drafted(COUNCIL_ENDORSES)
    assert "يصادق" in [q["exact"] for q in draft["quotations"]]


# Asharq Al-Awsat 2015-08-11, http://aawsat.com/home/article/426236/ (a dev4 article, benchmarks/data/dev4; SaudiNewsNet,
# CC BY-NC-SA 4.0): one sentence, cut.
QADDOUMI_DENIES = ("من جانب آخر، نفى خالد القدومي ممثل حركة حماس في طهران وجود توتر في العلاقة الثنائية بين الطرفين، كاشفا عن "
                   "وجود وعود إيرانية للحركة بتطوير العلاقة معها خلال الفترة المقبلة.")


def test_a_family_name_with_al_before_a_description_in_apposition_ends_the_name() -> None:
    """«خالد القدومي ممثل حركة حماس»: a nisba with ال after a given name, then a description (ممثل) or an office in
    apposition, is the name's family name (the speaker had been «خالد», the family name the first word said)."""
    draft, names = _drafted(QADDOUMI_DENIES)
    denied = next(s for s in draft["statements"] if s["cue"] == "نفى")
    assert [names.get(i, i) for i in denied["speaker_ids"]] == ["خالد القدومي"]
    assert not denied["exact"].startswith("القدومي")


# Al-Yaum 2015-08-08, http://www.alyaum.com/article/4082406, Al-Weeam 2015-07-26, http://www.alweeam.com.sa/349390/ and
# Asharq Al-Awsat 2015-08-02, http://aawsat.com/home/article/420426/ (dev7 articles, benchmarks/data/dev7) and Al-Riyadh
# 2015-07-24, http://www.alriyadh.com/1067324 (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, cut.
MOMANI_NO_COMMENT = ("ورفضت الحكومة الأردنية التعليق على ادعاءات الجيش السوري، وقال وزير الإعلام الأردني د.محمد المومني لدى سؤاله "
          "حول التصريحات السورية الرسمية: «إن الحكومة ترفض التعليق على الأمر» دون أن يبدي سبب امتناعه.")
WAHAIBI = ("من جانبه، أكد المستشار القانوني د. سعد الوهيبي أن المجلس الأعلى للقضاء ووزارة العدل يبذلان الجهود لتسريع اجراءات "
           "التقاضي في المحاكم.")
SEIF = ("واوضح سيف حسبما نقل عنه التلفزيون الرسمي ان “23 مليار دولار هي موارد من عائدات المصرف المركزي و6 مليارات تقريبا "
        "هي للحكومة أي ما مجمله 29 مليار دولار”.")
TALIBAN_SPOKESMAN = ("إلى ذلك، نفى المتحدث باسم طالبان نبأ وفاة زعيم شبكة حقاني المولوي جلال الدين حقاني، مشيرا إلى أنه حي يرزق "
                     "وفي مكان آمن.")


def test_an_abbreviated_title_an_attribution_and_the_news_denied_end_no_name_wrongly() -> None:
    """«د.محمد المومني», «د. سعد الوهيبي»: the full stop of د. (الدكتور) ends neither the speaker window nor the
    sentence (the speakers had been the offices, or no statement was drafted); «سيف حسبما نقل»: an attribution word
    ends the name; «نبأ وفاة»: the news denied is what was said, not the spokesman's name."""
    draft, names = _drafted(MOMANI_NO_COMMENT)
    assert [names.get(i, i) for i in draft["quotations"][0]["speaker_ids"]] == ["محمد المومني"]
    draft, names = _drafted(WAHAIBI)
    said = _by_exact(draft["statements"], "المجلس الأعلى للقضاء")
    assert [names.get(i, i) for i in said["speaker_ids"]] == ["سعد الوهيبي"]
    draft, names = _drafted(SEIF)
    assert [names.get(i, i) for i in draft["quotations"][0]["speaker_ids"]] == ["سيف"]
    draft, names = _drafted(TALIBAN_SPOKESMAN)
    denied = next(s for s in draft["statements"] if s["cue"] == "نفى")
    assert [names.get(i, i) for i in denied["speaker_ids"]] == ["المتحدث باسم طالبان"] and denied["exact"].startswith("نبأ")


# Al-Yaum 2015-08-08, http://www.alyaum.com/article/4082406 (a dev7 article, benchmarks/data/dev7) and 2015-07-28,
# http://www.alyaum.com/article/4080144 (a dev2 article, benchmarks/data/dev2) (SaudiNewsNet, CC BY-NC-SA 4.0): sentences.
JORDAN_DENIES = ("وينفي الأردن على الدوام صلته بأية أعمال أو جماعات مقاتلة داخل سوريا، ويعتبر ما يصدر عن السلطات السورية «محض "
                 "افتراء، ومحاولة بائسة لتصدير الأزمة السورية إلى دول الجوار، وتعبير عن إخفاق نظام الأسد في إنهاء الثورة الشعبية "
                 "ضد حكمه».")
MOSCOW_DENIES = "ونفت موسكو بشكل قاطع اي تورط، واتهمت العسكريين الاوكرانيين."


def test_a_state_with_al_speaks_and_an_adverb_before_the_object_is_no_object() -> None:
    """«وينفي الأردن على الدوام صلته ...»: a state whose name has ال (الأردن) is the speaker when the registry lacks it
    (it had been unknown, and the state the object); «على الدوام»، «بشكل قاطع»: an adverb of manner before the object
    is skipped (the object is «صلته ...»، «اي تورط»)."""
    draft, names = _drafted(JORDAN_DENIES)
    denied = next(s for s in draft["statements"] if s["cue"] == "وينفي")
    assert [names.get(i, i) for i in denied["speaker_ids"]] == ["الأردن"] and denied["exact"].startswith("صلته")
    draft, names = _drafted(MOSCOW_DENIES)
    denied = next(s for s in draft["statements"] if s["cue"] == "ونفت")
    assert [names.get(i, i) for i in denied["speaker_ids"]] == ["موسكو"] and denied["exact"] == "اي تورط"


# Asharq Al-Awsat 2015-07-31, http://aawsat.com/home/article/418986/ (a dev7 article, benchmarks/data/dev7; SaudiNewsNet,
# CC BY-NC-SA 4.0): one sentence.
F16_DELIVERY = ("سلمت الولايات المتحدة الأميركية مصر ثماني طائرات «إف 16»، حيث وصل أمس إلى القاعدة الجوية غرب القاهرة الفوج الأول "
                "منها، على أن يستكمل وصولها اليوم، بحسب بيان صادر عن السفارة الأميركية في القاهرة، وذلك في إطار الدعم الأميركي "
                "المستمر لمصر وللمنطقة بأكملها.")


def test_a_document_issued_by_a_body_is_the_bodys() -> None:
    """«بحسب بيان صادر عن السفارة الأميركية في القاهرة»: a statement "issued by" (صادر عن) a body is the body's (it had
    been a new entity named «بيان صادر عن السفارة الأميركية في القاهرة»)."""
    draft, names = _drafted(F16_DELIVERY)
    sources = {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]}
    assert "السفارة الأميركية" in sources and not any(name.startswith("بيان") for name in sources), sources


# Asharq Al-Awsat 2015-08-02, http://aawsat.com/home/article/420426/ and Al-Riyadh 2015-08-10,
# http://www.alriyadh.com/1071946 (dev7 articles, benchmarks/data/dev7) and Okaz 2015-07-30,
# http://www.okaz.com.sa/new/Issues/20150730/Con20150730786468.htm (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, cut.
HAMIDI = ("من جهته، يقول أمين الدين حامدي، وهو كاتب ومحلل سياسي يتابع أخبار طالبان، إن «مؤشرات الخلاف بين قيادة طالبان باتت "
          "واضحة وجلية»")
AL_DAAM = ("فيما شدد قائد المقاومة في اب الشيخ عبدالواحد الدعام ان على الحوثيين وقوات صالح تسليم جميع السلاح وانه لا تهاون مع "
           "من تلطخت ايديهم بالدماء.")
IBN_BAZ = ("وفي المباح الذي رخص فيه الشارع غنية عن الحرام، قال الشيخ ابن باز رحمه الله «أما الزواج فيشرع فيه ضرب الدف مع الغناء "
           "المعتاد»")


def test_a_compound_given_name_and_a_family_name_after_a_long_title_are_the_speakers() -> None:
    """«أمين الدين حامدي»: a compound given name in الدين (أمين read as the office) is a name (the speaker had been
    unknown); «قائد المقاومة في اب الشيخ عبدالواحد الدعام»: a family name with ال ends the name after a long title (it
    had been the description). Guard: «رحمه الله» after a name is a prayer, no compound name (الله only after the
    words that make names: ولي، فضل، ذبيح ...)."""
    draft, names = _drafted(HAMIDI)
    assert [names.get(i, i) for i in draft["quotations"][0]["speaker_ids"]] == ["أمين الدين حامدي"]
    draft, names = _drafted(AL_DAAM)
    assert [names.get(i, i) for i in draft["statements"][0]["speaker_ids"]] == ["عبدالواحد الدعام"]
    draft, names = _drafted(IBN_BAZ)
    assert not any("رحمه" in name for name in names.values()), names


# Asharq Al-Awsat 2015-08-09, http://aawsat.com/home/article/425516/ (a dev8 article, benchmarks/data/dev8; SaudiNewsNet,
# CC BY-NC-SA 4.0): two sentences, the second cut.
RUSSIAN_STATEMENT = ("وأشار البيان الصادر عن الخارجية الروسية إلى أن الوزيرين سيواصلان تبادل الآراء حيال مجموعة كبيرة من قضايا "
                     "التعاون الثنائي والقضايا الدولية والإقليمية التي كانا بحثاها خلال لقائهما السابق في الدوحة في الثالث من "
                     "أغسطس (آب) الحالي. وأضاف البيان أنهما «سيستغلان هذا اللقاء لبحث مسألة تنفيذ اتفاقيات التعاون الاقتصادي "
                     "الروسي السعودي».")


def test_the_document_a_body_issued_speaks_for_it_when_named_again() -> None:
    """«وأشار البيان الصادر عن الخارجية الروسية ... وأضاف البيان»: the statement issued by the ministry is the ministry's,
    and «البيان» named again is the same body (it had been a new entity «البيان»)."""
    draft, names = _drafted(RUSSIAN_STATEMENT)
    said = {s["cue"]: [names.get(i, i) for i in s["speaker_ids"]] for s in draft["statements"]}
    assert said["وأشار"] == said["وأضاف"] == ["الخارجية الروسية"], said


# Asharq Al-Awsat 2015-07-23, http://aawsat.com/home/article/412921/ (a dev8 article, benchmarks/data/dev8; SaudiNewsNet,
# CC BY-NC-SA 4.0): one sentence.
ARMED_WING = ("نفى الجناح العسكري لحزب العمال الكردستاني، أمس، مسؤوليته عن العملية التي أسفرت عن مقتل شرطيين جنوب شرقي "
              "تركيا، مضيفًا أن «مجموعة فدائية (أوجلانية)» نفذت عملية انتقامية ضد شرطيين مرتبطين بتنظيم داعش في جنوب شرقي "
              "تركيا، ردًا على العملية الانتحارية التي استهدفت تجمعًا لناشطين أكراد في بلدة سروج التابعة لمدينة أورفة في 20 "
              "يوليو (تموز) الحالي.")


def test_an_armed_wing_is_a_body_that_speaks() -> None:
    """«نفى الجناح العسكري لحزب العمال الكردستاني ... مضيفًا أن «...»»: an armed wing is a body (data/offices.yaml), so
    it is the subject the participle takes (the quotation's speaker had been unknown)."""
    draft, names = _drafted(ARMED_WING)
    (quoted,) = draft["quotations"]
    (speaker,) = quoted["speaker_ids"]
    assert names.get(speaker, speaker).startswith("الجناح العسكري")


# Asharq Al-Awsat 2015-07-26, http://aawsat.com/home/article/415066/ (a dev8 article, benchmarks/data/dev8) and 2015-07-21,
# http://aawsat.com/home/article/411506/ (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, the first cut.
ADEN_GOVERNOR = ("وأكد محافظ عدن أن العمل العسكري حقق نتائج متقدمة، وتم دحر الميليشيات الحوثية في دار بني سعد، باتجاه محافظة "
                 "لحج والعند، وجرت السيطرة على المنطقة.")
TO_JOURNALISTS = ("وصرح نائب البكري محافظ عدن لصحافيين في مرفا المدينة \"انها السفينة الاولى التي ترسو في مرفا عدن لتسليم مساعدات "
                  "انسانية\".")


def test_a_governor_is_an_office_and_the_journalists_spoken_to_no_name() -> None:
    """«وأكد محافظ عدن أن ...»: محافظ (governor) is an office, so the statement is his (his title had been what he
    stressed); «محافظ عدن لصحافيين»: ل and a plural after an office is who was spoken to, no name."""
    draft, names = _drafted(ADEN_GOVERNOR)
    stressed = next(s for s in draft["statements"] if s["cue"] == "وأكد")
    assert [names.get(i, i) for i in stressed["speaker_ids"]] == ["محافظ عدن"] and stressed["exact"].startswith("العمل")
    draft, names = _drafted(TO_JOURNALISTS)
    assert "لصحافيين" not in names.values()


# Asharq Al-Awsat 2015-07-23, http://aawsat.com/home/article/412921/ (a dev8 article, benchmarks/data/dev8; SaudiNewsNet,
# CC BY-NC-SA 4.0): one sentence.
TURKISH_AUTHORITIES = ("في غضون ذلك، أعلنت السلطات التركية التعرف على منفذ الهجوم الانتحاري في سروج (جنوب) وتبناه تنظيم داعش "
                       "وهو شاب تركي في العشرين من العمر.")


def test_the_authorities_of_a_country_are_a_body_that_speaks() -> None:
    """«أعلنت السلطات التركية التعرف على ...»: the authorities (السلطات) are a body, with their country, so they are
    the speaker (it had been unknown, and «السلطات التركية» what was announced)."""
    draft, names = _drafted(TURKISH_AUTHORITIES)
    announced = next(s for s in draft["statements"] if s["cue"] == "أعلنت")
    assert [names.get(i, i) for i in announced["speaker_ids"]] == ["السلطات التركية"]
    assert announced["exact"].startswith("التعرف")


# Al-Yaum 2015-08-11, http://www.alyaum.com/article/4082982 and Asharq Al-Awsat 2015-07-27,
# http://aawsat.com/home/article/415886/ (dev9 articles, benchmarks/data/dev9; SaudiNewsNet, CC BY-NC-SA 4.0): sentences.
MUJAHID_CLAIMS = "وتبنى المتحدث باسم حركة طالبان ذبيح الله مجاهد، الاعتداء، معتبرا أنه استهدف \"آليتين لقوات أجنبية\"."
HAMZA_BRIGADES = ("ونقل عن قيادي في كتائب «حمزة بن عبد المطلب» الفاعلة ضمن لواء «أحرار الشام» الذي يقاتل في الزبداني، أن قوات "
                  "الاقتحام البرية «بأكملها تابعة لحزب الله»، بينما دور الجيش النظامي «محصور بالقصف الجوي، وبالتواجد البري حول "
                  "الزبداني خصوصًا في مضايا وبلودان».")


def test_a_participle_of_opinion_and_a_source_reported_from_make_quotations() -> None:
    """«معتبرا أنه استهدف "آليتين لقوات أجنبية"»: معتبرا is a cue (of اعتبر), so its quoted words are a quotation of
    the one who opened the sentence (none had been drafted); «ونقل عن قيادي ...، أن»: نقل عن names a source, so the
    quotes of its clause are speech, and the brigades named in quote marks after their kind (كتائب «...»، لواء «...»)
    are names."""
    draft, names = _drafted(MUJAHID_CLAIMS)
    (quoted,) = draft["quotations"]
    assert quoted["exact"] == "آليتين لقوات أجنبية" and [names.get(i, i) for i in quoted["speaker_ids"]] == ["ذبيح الله مجاهد"]
    draft, names = _drafted(HAMZA_BRIGADES)
    assert [q["exact"] for q in draft["quotations"]][:1] == ["بأكملها تابعة لحزب الله"]
    assert not any(q["exact"] in ("حمزة بن عبد المطلب", "أحرار الشام") for q in draft["quotations"])


# Al-Yaum 2015-08-11, http://www.alyaum.com/article/4082982 and Asharq Al-Awsat 2015-07-27,
# http://aawsat.com/home/article/415886/ (dev9 articles, benchmarks/data/dev9); Al-Jazirah 2015-07-25,
# http://www.al-jazirah.com/2015/20150725/ec17.htm; Al-Riyadh 2015-07-26, http://www.alriyadh.com/1067916 (SaudiNewsNet,
# CC BY-NC-SA 4.0): sentences.
KABUL_DEPUTY_POLICE_CHIEF = ("وقال نائب رئيس شرطة كابول سيد غول اغا روحاني إن \"الانفجار وقع عند أول حاجز أمني مؤد إلى مطار كابول\" "
                "مضيفا: \"نخشى أن يكون هناك ضحايا\".")
FSA_ADVISER = ("وحذّر المستشار القانوني لـ«الجيش السوري الحر» أسامة أبو زيد أمس، من «خطورة» ما أعلنه الأسد، معتبرًا أن إعلانه "
               "أن «الوطن لمن يدافع عنه»، يعد «مؤشرًا خطيرًا يهدد السوريين بأكملهم».")
WTO_HEAD = "وقال المدير العام للمنظمة روبرتو ازيفيدو ان «اتفاق اليوم هو اتفاق كبير»."
PKK_OFFICER = ("واكد المسؤول الاعلامي للجناح العسكري لحزب العمال الكردستاني بختيار دوغان قصف الطائرات التركية ل\"مواقعنا في "
               "الشريط الحدودي مع قصف مكثف للمدفعية\".")


@pytest.mark.parametrize(("text", "speaker"), [(KABUL_DEPUTY_POLICE_CHIEF, "سيد غول اغا روحاني"), (FSA_ADVISER, "أسامة أبو زيد"),
                                               (WTO_HEAD, "روبرتو ازيفيدو")],
                         ids=["a-place-after-a-kind-of-body", "a-body-in-quote-marks-with-li", "a-body-with-li"])
def test_the_name_after_an_office_and_the_body_it_is_of_is_the_speaker(text: str, speaker: str) -> None:
    """An office or a description made definite by its body (نائب رئيس شرطة كابول: a place's name after a kind of
    body; المستشار القانوني لـ«الجيش السوري الحر»، المدير العام للمنظمة: ل and a definite body, in quote marks or not),
    then a name: the name is the speaker (the description alone had been drafted as a new person)."""
    draft, names = _drafted(text)
    assert draft["quotations"]
    for record in draft["quotations"] + draft["statements"]:
        assert [names.get(i, i) for i in record["speaker_ids"]] == [speaker], record["exact"]


def test_a_word_in_b_after_an_offices_body_starts_no_name_of_the_words_after_it() -> None:
    """«للجناح العسكري لحزب العمال الكردستاني بختيار دوغان قصف ...»: a word with ب after the body may be a place
    (بجدة) or a name (بختيار), so no name is read past it: «دوغان قصف» is no speaker."""
    draft, names = _drafted(PKK_OFFICER)
    assert draft["quotations"]
    assert all("دوغان قصف" not in names.get(i, i) for r in draft["quotations"] + draft["statements"] for i in r["speaker_ids"])


# Al-Jazirah 2015-08-06, http://www.al-jazirah.com/2015/20150806/fe4.htm; Asharq Al-Awsat 2015-08-07,
# http://aawsat.com/home/article/424056/; Al-Watan 2015-08-06,
# http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=231071&CategoryID=1 (SaudiNewsNet, CC BY-NC-SA 4.0):
# sentences, the last two cut.
HAIL_MEDIA_DIRECTOR = ("وأكد مدير إدارة الإعلام في أمانة منطقة حائل سعد الثويني أن الفعاليات والعروض التي انطلقت ثاني أيام عيد "
                       "الفطر المبارك مستمرة.")
UNAMA_HEAD = ("وأفاد رئيس بعثة الأمم المتحدة في أفغانستان نيكولاس هايسوم في التقرير أن «الإحصاءات البحتة بخصوص الضحايا "
              "المدنيين لا تعكس مدى فظاعة العنف في أفغانستان».")
AMBASSADOR_IN_CAIRO = ("دعا السفير السعودي في مصر أحمد عبدالعزيز قطان إيران إلى عدم محاولة اختبار قدرات المملكة، وقال في تصريحات "
                       "صحفية أمس \"المملكة لن تقبل لإيران بالعبث بكل الدول العربية\".")


# Asharq Al-Awsat 2015-08-06, http://aawsat.com/home/article/422941/ (a dev10 article; SaudiNewsNet, CC BY-NC-SA 4.0).
UN_RELIEF_CHIEF = ("وكان مسؤول عمليات الاغاثة في الأمم المتحدة ستيفن اوبراين لفت خلال زيارة لجنوب السودان الشهر الماضي، "
                   "إلى أنّه «تم وقف السفن النيلية التي تحمل الطعام».")


@pytest.mark.parametrize(("text", "speaker"), [(HAIL_MEDIA_DIRECTOR, "سعد الثويني"), (UNAMA_HEAD, "نيكولاس هايسوم"),
                                               (AMBASSADOR_IN_CAIRO, "أحمد عبدالعزيز قطان"),
                                               (UN_RELIEF_CHIEF, "ستيفن اوبراين")],
                         ids=["kinds-of-body-and-a-place", "a-state", "a-state-and-the-verbs-object",
                              "a-description-made-definite-by-its-genitives-genitive"])
def test_the_name_after_an_office_and_the_place_it_is_in_is_the_speaker(text: str, speaker: str) -> None:
    """An office or a definite description, في and the place it is in (a state or capital; kinds of body and a place's
    name), then a name: the name speaks (the description had been drafted as a new person); a state after a full name
    is the verb's object (دعا ... قطان إيران إلى: the name had taken in إيران, or been cut to قطان). A description is
    definite by its genitive's own genitive too (مسؤول عمليات الإغاثة). Drafted with the project's registry (its الأمم
    المتحدة is what the office is of)."""
    draft = extract_text("عنوان\n" + text + "\n", "0" * 16, read_registry(ROOT / "raw")[0])
    names = _names(draft)
    assert draft["statements"]
    for record in draft["quotations"] + draft["statements"]:
        assert [names.get(i, i) for i in record["speaker_ids"]] == [speaker], record["exact"]


# dev10 articles (benchmarks/data/dev10; SaudiNewsNet, CC BY-NC-SA 4.0): Asharq Al-Awsat 2015-08-06,
# http://aawsat.com/home/article/422941/ and http://aawsat.com/home/article/422571/; Ain Alyoum 2015-07-31,
# http://www.3alyoum.com/news/a/ (Washington and Ankara seek a safe zone); Al-Watan 2015-08-08,
# http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=231382&CategoryID=1. Ain Alyoum 2015-08-03,
# http://www.3alyoum.com/finance/a/ (health insurance for visitors); Al-Jazirah 2015-08-08,
# http://www.al-jazirah.com/2015/20150808/sp32.htm (SaudiNewsNet, CC BY-NC-SA 4.0). Sentences, some cut.
ARMY_SPOKESMAN_DENIES = ("ولكن المتحدث باسم جيش جنوب السودان فيليب اغير نفى تعطيل المراكب النيلية التي تحمل الطعام. وقال اغير "
                         "اليوم (الاربعاء)، إنّه «تم تحذير المراكب من التعرض لهجمات المتمردين».")
THEIR_SPOKESMAN = "وقال المتحدث باسمهم جيمس قاديت في بيان إنّ «النظام يجوع هؤلاء المدنيين»."
OULD_CHEIKH_OPTIMISTIC = "ورغم ذلك يقول ولد الشيخ أحمد إنه «لا يزال متفائلا»."
NATO_HEAD = ("وقال الامين العام لحلف الأطلسي ينس شتولتينبيرج لمحطة (بي.بي.سي) “تركيا لديها جيش قوي للغاية وقوات أمن قوية "
             "جدا”.")
SISI_FRANKLY = "وأضاف: الرئيس السيسي قال بصراحة إن «البلدين يمكنهما تحقيق نهضة اقتصادية كبرى»."
INSURANCE_HEAD = ("أكد الأمين العام لمجلس الضمان الصحي التعاوني محمد بن سليمان الحسين، أن التأمين الصحي على الزائرين سيتم "
                  "عبر شركات التأمين الصحي السعودية.")
TEAM_COACH = "مدرب الفريق الكابتن لطفي الشيخاوي عبر عن ابتهاجه بالانتصار الأول، وقال: «أثق في ابنائي اللاعبين كثيرا»."


@pytest.mark.parametrize(("text", "speaker"), [
    (ARMY_SPOKESMAN_DENIES, "فيليب اغير"), (THEIR_SPOKESMAN, "جيمس قاديت"), (OULD_CHEIKH_OPTIMISTIC, "ولد الشيخ أحمد"),
    (NATO_HEAD, "ينس شتولتينبيرج"), (INSURANCE_HEAD, "محمد بن سليمان الحسين"), (TEAM_COACH, "لطفي")],
    ids=["subject-before-the-verb", "spokesman-for-them", "mauritanian-name", "li-and-a-body-then-a-name",
         "family-name-in-yn-before-what-was-said", "a-name-in-l-after-a-title"])
def test_a_speaker_named_before_the_verb_or_after_a_complement_is_named_whole(text: str, speaker: str) -> None:
    """A subject that opens the sentence with its name runs up to the verb (فيليب اغير نفى تعطيل ...: تعطيل, the
    object, had been drafted as a new person and carried on); «المتحدث باسمهم» then a name; ولد of a Mauritanian
    name with the ال word after it (ولد الشيخ أحمد: had been ولد, with ورغم before the verb as the speaker); ل and a
    body in the construct state before the holder's name (لحلف الأطلسي: had been لحلف); a family name in ين before a
    comma and أن (الحسين: had been what was said); a name in ل after a title stays a name (لطفي الشيخاوي)."""
    draft, names = _drafted(text)
    assert draft["statements"]
    for record in draft["quotations"] + draft["statements"]:
        assert [names.get(i, i) for i in record["speaker_ids"]] == [speaker], record["exact"]


def test_an_adverb_after_the_cue_is_no_speaker() -> None:
    """«قال بصراحة إن»: the adverb (بصراحة) is no name (it had been drafted as a new person, then carried over to
    the article's next statements); «ورغم ذلك»: a connective is no subject."""
    for text in (SISI_FRANKLY, OULD_CHEIKH_OPTIMISTIC):
        draft, names = _drafted(text)
        assert draft["statements"] and not {"بصراحة", "ورغم"} & set(names.values())


# Al-Riyadh 2015-08-01, http://www.alriyadh.com/1069583 (SaudiNewsNet, CC BY-NC-SA 4.0): one sentence, cut.
ESSEBSI = "وقال السبسي \"ليس لنا أي خلاف مع الجزائر وهناك لوبيات تسعى لتوتير العلاقة بين تونس والجزائر\"."


def test_a_family_name_in_i_said_alone_is_a_person_known_by_it() -> None:
    """«وقال السبسي "..."»: a family name in ي (a nisba), alone after a verb of saying, never written in full in the
    article, is a person known by it (the speaker had been unknown). Not a title or a group in ي (المفتي، الأهالي:
    data/names.yaml), nor a country's adjective (الأمريكي)."""
    draft, names = _drafted(ESSEBSI)
    assert [[names.get(i, i) for i in q["speaker_ids"]] for q in draft["quotations"]] == [["السبسي"]]
    for word in ("المفتي", "الأهالي", "الأمريكي"):
        draft, names = _drafted(ESSEBSI.replace("السبسي", word))
        assert draft["quotations"] and word not in names.values()


# Al-Weeam 2015-07-31, http://www.alweeam.com.sa/349669/; Al-Watan 2015-08-06,
# http://www.alwatan.com.sa/Local/News_Detail.aspx?ArticleID=231221&CategoryID=5; Al-Madina 2015-07-21,
# http://www.al-madina.com/node/620125/ (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, some cut.
SEEDING_RESEARCH_HEAD = "وقال رئيس الأبحاث في مركز الأرصاد والزلازل عمر اليزيدي، إن تكلفة الاستمطار أقل بكثير من تحلية المياه."
MECCA_PR_DIRECTOR = ("وأوضح المدير العام للعلاقات العامة والإعلام بإمارة منطقة مكة المكرمة سلطان بن عرار الدوسري أن الاجتماع "
                     "يستعرض ما أنجز في المشروع.")
EUGENE_CLUB = ("وأوضحت رئيسة النادي السعودي بيوجين ملاك المنيف أن تجمعنا كطلاب والاحتفال بالأعياد تهوّن علينا الغربة. "
               "وختمت رئيسة النادي السعودي بمدينة يوجين بولاية أوريقون ملاك المنيف بالشكر للملحق الثقافي.")


@pytest.mark.parametrize(("text", "speaker"), [
    (SEEDING_RESEARCH_HEAD, "عمر اليزيدي"), (MECCA_PR_DIRECTOR, "سلطان بن عرار الدوسري"), (EUGENE_CLUB, "ملاك المنيف")],
    ids=["in-a-body-and-its-genitives", "coordinated-genitives-and-where-it-is", "in-a-city-the-article-names"])
def test_the_holder_named_after_a_long_complement_is_the_speaker(text: str, speaker: str) -> None:
    """A description's complement read to its end: في and a kind of body with its genitives (في مركز الأرصاد والزلازل),
    genitives joined by و (للعلاقات العامة والإعلام), where the body is (بإمارة منطقة مكة المكرمة), then the holder's
    name, which speaks; a word in ب whose word the article writes alone is a place, not the name's (بيوجين: the article
    writes يوجين too)."""
    draft, names = _drafted(text)
    statement = next(s for s in draft["statements"] if s["cue"])
    assert [names.get(i, i) for i in statement["speaker_ids"]] == [speaker]


def test_a_family_name_after_a_rank_and_before_fi_is_the_names() -> None:
    """«العميد عادل الحشاش في تصريح له» (Al-Riyadh 2015-07-25, http://www.alriyadh.com/1067763): after a name a rank
    introduced, a word in ال before في is the family name (it had begun what was said); without the rank it may be
    the verb's object (أدان نتنياهو الاتفاق في ...)."""
    lists = people_words()
    assert family_name("الحشاش", "في", lists, introduced=True)
    assert not family_name("الاتفاق", "في", lists)



# Asharq Al-Awsat 2015-07-23, http://aawsat.com/home/article/413121/ and 2015-08-10,
# http://aawsat.com/home/article/426111/ (dev11 articles, benchmarks/data/dev11; SaudiNewsNet, CC BY-NC-SA 4.0):
# sentences, some cut.
VATICAN_DOCUMENT = "وأشارت وثيقة إلى أن مؤتمر الفاتيكان ربط بين تغير المناخ والرق في العصر الحديث."
POPE_ADDED = "وأضاف البابا: «أضع آمالا كبارا في قمة باريس»."
RAHOUI = ("وفي هذا الشأن، قال المنجي الرحوي، عضو تحالف الجبهة الشعبية اليساري المعارض، قي تصريح إعلامي إن المجلس هيأ مناخ "
          "المصالحة من خلال إقرار مجموعة من القوانين.")


@pytest.mark.parametrize(("text", "speaker"), [(VATICAN_DOCUMENT, "وثيقة"), (POPE_ADDED, "البابا"),
                                               (RAHOUI, "المنجي الرحوي")],
                         ids=["a-preposition-is-no-genitive", "the-pope-is-an-office", "a-given-name-with-al"])
def test_a_document_the_pope_and_a_given_name_with_al_speak(text: str, speaker: str) -> None:
    """«وأشارت وثيقة إلى أن»: إلى is no genitive of the document (it had been «وثيقة إلى»); «وأضاف البابا»: the Pope is
    an office (the speaker had been unknown); «قال المنجي الرحوي، عضو ...»: a given name written with ال starts a name
    (data/names.yaml; the speaker had been unknown)."""
    draft, names = _drafted(text)
    statement = next(s for s in draft["statements"] if s["cue"])
    assert [names.get(i, i) for i in statement["speaker_ids"]] == [speaker]


# Asharq Al-Awsat 2015-08-07, http://aawsat.com/home/article/424286/ (a dev11 article, benchmarks/data/dev11) and
# 2015-08-01, http://aawsat.com/home/article/419571/ (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, the second cut.
TONER_NO = "وعندما سئل تونر: «هل الهجوم على جبهة النصرة من أهداف القوات السورية الجديدة؟»، أجاب «لا»."
SPOKESMAN_SAYS_NO = "المتحدث الرسمي للاتحاد يقول «لا» ونحن معه."


@pytest.mark.parametrize("text", [TONER_NO, SPOKESMAN_SAYS_NO], ids=["an-answer", "said-no"])
def test_a_one_word_answer_in_quote_marks_is_a_quotation(text: str) -> None:
    """«أجاب «لا»»، «يقول «لا»»: one quoted word that names nothing (an answer; how something was said) in a sentence
    that reports speech is a quotation (it had been taken for a term, as one quoted word is)."""
    draft, _ = _drafted(text)
    assert "لا" in [q["exact"] for q in draft["quotations"]]


def test_a_one_word_name_in_quote_marks_stays_no_quotation() -> None:
    """A one-word name in quote marks in a sentence that reports speech is still no quotation (وقال لـ«الوطن» إن)."""
    draft, _ = _drafted("وقال المتحدث لـ«الوطن» إن «الوضع مستقر تماما».")
    assert [q["exact"] for q in draft["quotations"]] == ["الوضع مستقر تماما"]


# Al-Riyadh 2015-07-25, http://www.alriyadh.com/1067763; Okaz 2015-08-06,
# http://www.okaz.com.sa/new/Issues/20150806/Con20150806787773.htm (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, the
# first cut, the second whole.
KUWAIT_SECURITY_MEDIA = ("وأكد مدير إدارة الإعلام الأمني في وزارة الداخلية الكويتية العميد عادل الحشاش في تصريح له لصحيفة "
                         "\"الوطن\" الكويتية أن دخول مواطني دول مجلس التعاون للكويت يسير بصورة طبيعية.")
COAST_GUARD = ("أكد قائد حرس الحدود في محافظة القنفذة العميد بحري محمد بن عوضة الزهراني أهمية قرار مجلس الوزراء بمنع "
               "التفريط في أراضي السواحل والشواطئ، لافتا إلى أن هذا النظام معمول به دوليا باعتبار أن الشواطئ متنفس "
               "للمواطنين والزوار، ومضيفا «يأتي هذا القرار معززا لتعليمات سابقة بالمحافظة على الشواطئ ومنع إساءة "
               "استغلالها من قبل المستثمرين».")


@pytest.mark.parametrize(("text", "speaker"), [(KUWAIT_SECURITY_MEDIA, "عادل الحشاش"),
                                               (COAST_GUARD, "محمد بن عوضة الزهراني")],
                         ids=["fi-and-a-body-then-a-rank", "a-rank-of-two-words"])
def test_a_rank_after_an_office_and_its_body_introduces_the_speaker(text: str, speaker: str) -> None:
    """An office, في and a body (في وزارة الداخلية الكويتية، في محافظة القنفذة), then a rank of one or two words
    (العميد، العميد بحري) and the name: the name speaks. The first had drafted no statement at all (the description
    alone ended the phrase, and أن lay beyond the words read for what was said); the second took بحري into the name."""
    draft, names = _drafted(text)
    statement = next(s for s in draft["statements"] if s["cue"] in ("وأكد", "أكد"))
    assert [names.get(i, i) for i in statement["speaker_ids"]] == [speaker]


# Asharq Al-Awsat 2015-07-26, http://aawsat.com/home/article/415396/ (a dev4 article, benchmarks/data/dev4): a sentence.
ENVOY_IN_SOMALIA = "وندد الموفد الخاص للامم المتحدة في الصومال نيكولاس كاي الاحد بهذه الجريمة، واصفا اياها بأنها \"عمل مشين\"."


def test_an_envoy_is_a_description_before_a_name() -> None:
    """«الموفد» (envoy) is a description like «المبعوث», and so is «المندوب» (delegate): the name after its complements
    is the speaker (the speaker had been unknown: «الموفد» was no word of a speaker phrase)."""
    united_nations = EntityRecord(entity_id="UN", kind="organization", name_en="United Nations", names_ar=["الأمم المتحدة"])
    draft = extract_text("عنوان\n" + ENVOY_IN_SOMALIA + "\n", "0" * 16, Registry(entities={"UN": united_nations}))
    names = _names(draft)
    assert {names.get(i, i) for s in draft["statements"] for i in s["speaker_ids"]} == {"نيكولاس كاي"}
    assert [names.get(i, i) for q in draft["quotations"] for i in q["speaker_ids"]] == ["نيكولاس كاي"]


# Rai Al-Youm 2015-07-24, http://www.3alyoum.com/news/pol/a/ (سلاح الجو التركي يقصف مواقع لداعش في سوريا); Al-Riyadh
# 2015-07-22, http://www.alriyadh.com/1066503 (SaudiNewsNet, CC BY-NC-SA 4.0): sentences, the first cut.
CLOSE_TO_THE_PKK = ("وفي هذا السياق اعلنت حركة الشبيبة الوطنية الثورية المقربة من حزب العمال الكردستاني على موقعها "
                    "الالكتروني انها قتلت مساء الثلاثاء في اسطنبول رجلا.")
LOYAL_TO_HADI = ("أكدت القوات الموالية لحكومة الرئيس اليمني عبدربه منصور هادي اليوم الاثنين أنها بسطت سيطرتها على الجزء "
                 "الأكبر من حي التواهي آخر معقل للحوثيين في عدن كبرى مدن الجنوب اليمني.")


@pytest.mark.parametrize(("text", "speaker", "content"), [
    (CLOSE_TO_THE_PKK, "حركة الشبيبة الوطنية الثورية", "قتلت مساء الثلاثاء"),
    (LOYAL_TO_HADI, "القوات", "بسطت سيطرتها")], ids=["close-to", "loyal-to"])
def test_what_a_body_is_affiliated_to_is_neither_its_name_nor_what_it_said(text: str, speaker: str, content: str) -> None:
    """«المقربة من حزب العمال الكردستاني»، «الموالية لحكومة ... هادي»: a participle of relation and its complement end
    the body's name (it had been «حركة الشبيبة الوطنية الثورية المقربة»), and what the body said comes after them."""
    draft, names = _drafted(text)
    statement = next(s for s in draft["statements"] if s["cue"])
    assert [names.get(i, i) for i in statement["speaker_ids"]] == [speaker]
    assert statement["exact"].startswith(content)


# Asharq Al-Awsat 2015-08-01, http://aawsat.com/home/article/419956/ (a dev3 article, benchmarks/data/dev3):
# sentences of two paragraphs, the first cut.
FLORIDA_CUBANS = "والجالية الكوبية في فلوريدا تتمتع بنفوذ كبير، ويسعى المرشحون لكسب أصواتها."
FORMER_GOVERNOR_OF_FLORIDA = ("ورد الحاكم السابق لفلوريدا جيب بوش أيضًا على تصريحات كلينتون. قائلاً إن «طلب كلينتون إلغاء "
                              "الحظر ومبادئ الحرية والديمقراطية للشعب الكوبي مقابل لا شيء يشكل إهانة لمعاناة العائلات "
                              "المتحدرة من كوبا والمقيمة في فلوريدا».")


def test_a_place_with_l_after_an_office_is_not_the_first_word_of_the_name() -> None:
    """«الحاكم السابق لفلوريدا جيب بوش»: a word with ل attached that the article also writes alone (فلوريدا), before a
    name of two words, is the place the office is of; the name after it speaks (it had been «لفلوريدا جيب بوش»)."""
    draft = extract_text(f"عنوان\n{FLORIDA_CUBANS}\n{FORMER_GOVERNOR_OF_FLORIDA}\n", "0" * 16, Registry())
    names = _names(draft)
    assert [names.get(i, i) for q in draft["quotations"] for i in q["speaker_ids"]] == ["جيب بوش"]


# Okaz 2015-07-25, http://www.okaz.com.sa/new/Issues/20150725/Con20150725785565.htm (SaudiNewsNet, CC BY-NC-SA 4.0):
# a sentence, cut.
ONE_OF_THE_NEIGHBOURS = "لكن هذا التصرف لم يكن مسليا بالنسبة لجيرانها، حيث قال أحدهم «كان الأمر فظيعا عند النظر إلى الصورة»."


def test_one_of_them_is_a_description_that_speaks() -> None:
    """«قال أحدهم»: "one of them" is a description of the speaker, made definite by its pronoun (the speaker had been
    unknown), and it takes no genitive: a name after it would be the speaker's own."""
    draft, names = _drafted(ONE_OF_THE_NEIGHBOURS)
    assert [names.get(i, i) for q in draft["quotations"] for i in q["speaker_ids"]] == ["أحدهم"]
    named, named_names = _drafted("وقال أحدهم محمد علي إن الوضع صعب.")
    assert [named_names.get(i, i) for s in named["statements"] for i in s["speaker_ids"]] == ["محمد علي"]


# Asharq Al-Awsat 2015-07-21, http://aawsat.com/home/article/409636/ (SaudiNewsNet, CC BY-NC-SA 4.0): two
# paragraphs, the first cut.
BAGHDAD_SECURITY = ("بدوره أعلن رئيس اللجنة الأمنية في مجلس محافظة بغداد محمد الجويبراوي عن وضع خطة أمنية رصينة لحماية "
                    "المواطنين في العيد، عبر تأمين الطرق المستهدفة من قبل عصابات «داعش».")
BAGHDAD_FESTIVAL = ("الوكيل الاقتصادي لوزارة التجارة العراقية محمد السامرائي أكد أن «الهدف من مهرجان بغداد الأول للتسوق "
                    "دعم معارض القطاع الخاص والانفتاح عليها، وتوفير متنفس ترفيه للمواطن العراقي».")


def test_after_an_office_a_name_known_alone_and_a_family_name_in_al_are_one_name() -> None:
    """«الوكيل الاقتصادي ... محمد السامرائي»: after an office, a first word the article named someone by before (محمد)
    and a family name in ال are one person's name, not a name and the verb's object (it had been «محمد»)."""
    draft = extract_text(f"عنوان\n{BAGHDAD_SECURITY}\n{BAGHDAD_FESTIVAL}\n", "0" * 16, Registry())
    names = _names(draft)
    statement = next(s for s in draft["statements"] if s["cue"] == "أكد")
    assert [names.get(i, i) for i in statement["speaker_ids"]] == ["محمد السامرائي"]


# Asharq Al-Awsat 2015-07-31, http://aawsat.com/home/article/418911/ (a dev6 article, benchmarks/data/dev6): two
# paragraphs, cut.
SUTHERLAND = ("وصرح بيتر ساذرلاند مبعوث الأمين العام للأمم المتحدة للهجرة الدولية، لهيئة الإذاعة البريطانية، بأن "
              "مطالبات الحكومة البريطانية هي «رد على قضية حرية التنقل يتسم بكراهية للأجانب».")
THE_ENVOY_SAID = ("ووصف ساذرلاند تصريحات كاميرون بأنها «مبالغ فيها»، وقال المبعوث: «خلال العام الماضي، بلغ إجمالي "
                  "الموافقات على طلبات اللاجئين دخول فرنسا 68 ألفًا».")


def test_a_description_takes_up_the_name_it_follows_without_a_comma() -> None:
    """«بيتر ساذرلاند مبعوث الأمين العام ...» then «وقال المبعوث»: the description written without its ال right after a
    name is an apposition, so «المبعوث» is that person (it had been a new entity «المبعوث»)."""
    draft = extract_text(f"عنوان\n{SUTHERLAND}\n{THE_ENVOY_SAID}\n", "0" * 16, Registry())
    names = _names(draft)
    statement = next(s for s in draft["statements"] if s["cue"] == "وقال")
    assert [names.get(i, i) for i in statement["speaker_ids"]] == ["بيتر ساذرلاند"]


# Asharq Al-Awsat 2015-07-26, http://aawsat.com/home/article/415066/ (a dev8 article, benchmarks/data/dev8): two
# paragraphs, cut.
ADEN_GOVERNOR_NAMED = ("وأوضح نايف البكري، محافظ عدن، في اتصال هاتفي لـ«الشرق الأوسط»، أن الوزراء الذين عادوا إلى محافظة "
                       "عدن خلال الفترة الماضية «بدأوا في وضع خطة عمل».")
ADEN_GOVERNOR_SAID = "وأكد محافظ عدن أن العمل العسكري حقق نتائج متقدمة، وتم دحر الميليشيات الحوثية في دار بني سعد."


@pytest.mark.parametrize(("text", "speaker"), [
    (f"{ADEN_GOVERNOR_NAMED}\n{ADEN_GOVERNOR_SAID}", "نايف البكري"),
    ("قال مصدر مقرب من الحكومة إن الأمر صعب.\nوقال سلام، مصدر مقرب، إن الأمر صعب.\nوأضاف مصدر مقرب أن الحل قريب.",
     "مصدر مقرب")], ids=["office-of-a-place", "an-unnamed-source-stays"])
def test_an_office_and_its_place_is_a_description_the_article_names(text: str, speaker: str) -> None:
    """«محافظ عدن» (governor of Aden) is made definite by the place it is of, so it takes up the person the article names
    with it (نايف البكري، محافظ عدن); it had been a new entity. An indefinite description (مصدر مقرب) never does."""
    draft = extract_text(f"عنوان\n{text}\n", "0" * 16, Registry())
    names = _names(draft)
    assert [names.get(i, i) for i in draft["statements"][-1]["speaker_ids"]] == [speaker]


# Asharq Al-Awsat 2015-08-07, http://aawsat.com/home/article/424286/ (a dev11 article, benchmarks/data/dev11): a
# sentence, cut.
NEITHER_DENY_NOR_CONFIRM = ("وفي إجابة على سؤال عن احتمال أن يتخلى الروس عن دعم الأسد، رفض تونر نفي أو تأكيد هذا "
                            "الاحتمال. وقال: «نحن نتحدث، ولا أريد استباق أي قرارات».")


def test_or_is_never_a_speakers_name() -> None:
    """«رفض تونر نفي أو تأكيد»: the verbal noun نفي reads as the verb نفى, but «أو تأكيد» after it is no subject: أو (and
    وليس) are function words, never a name (the quotation's speaker had been a new person «أو تأكيد»)."""
    draft, names = _drafted(NEITHER_DENY_NOR_CONFIRM)
    speakers = {names.get(i, i) for record in (*draft["statements"], *draft["quotations"]) for i in record["speaker_ids"]}
    assert not any(name.startswith(("أو", "او")) for name in speakers)
