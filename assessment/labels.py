"""Interface strings for the reports, in both languages."""

from __future__ import annotations

from .errors import Problem, UsageError

LANGS = ("ar", "en")

VALUE_LABELS: dict[str, dict[str, str]] = {
    "ar": {"yes": "نعم", "partial": "جزئياً", "no": "لا", "na": "لا ينطبق", "": "لم تتم الإجابة"},
    "en": {
        "yes": "Yes",
        "partial": "Partly",
        "no": "No",
        "na": "Not applicable",
        "": "Not answered",
    },
}
OBLIGATION_LABELS: dict[str, dict[str, str]] = {
    "ar": {"must": "إلزامي", "should": "مفضّل", "may": "اختياري"},
    "en": {"must": "Must", "should": "Should", "may": "May"},
}
TREND_LABELS: dict[str, dict[str, str]] = {
    "ar": {"improved": "تحسّن", "regressed": "تراجع", "unchanged": "دون تغيير"},
    "en": {"improved": "Improved", "regressed": "Regressed", "unchanged": "Unchanged"},
}

STRINGS: dict[str, dict[str, str]] = {
    "ar": {
        "report_title": "تقرير التقييم الذاتي",
        "entity": "الجهة",
        "unit": "الوحدة",
        "assessor": "المقيِّم",
        "date": "تاريخ التقييم",
        "checklist_version": "إصدار القائمة",
        "overall": "النتيجة الكلية",
        "level": "مستوى النضج",
        "capped": "خُفّض المستوى بسبب ثغرات حرجة (كان سيبلغ: {level}).",
        "completeness": "الاكتمال",
        "answered_of": "{answered} من {total} بنداً ({percent}٪)",
        "domains": "النتائج حسب المجال",
        "domain": "المجال",
        "score": "النتيجة",
        "answered": "المُجاب",
        "chart_title": "نتائج المجالات (من 100)",
        "critical_gaps": "الثغرات الحرجة",
        "no_critical_gaps": "لا توجد ثغرات حرجة.",
        "action_plan": "خطة العمل",
        "no_actions": "لا توجد بنود تحتاج إلى إجراء.",
        "priority": "الأولوية",
        "item": "البند",
        "answer": "الإجابة",
        "obligation": "الإلزام",
        "weight": "الوزن",
        "fix": "ما العمل",
        "section": "المرجع في الدليل",
        "unanswered": "بنود لم تتم الإجابة عنها",
        "none": "لا يوجد.",
        "notes": "الملاحظات",
        "comparison": "المقارنة مع التقييم السابق",
        "before": "قبل",
        "after": "بعد",
        "change": "التغيّر",
        "trend": "الاتجاه",
        "not_scored": "—",
        "chapter": "الفصل",
        "item_id": "معرّف البند",
        "question": "السؤال",
        "critical": "حرج",
        "earned": "النقاط المحققة",
        "possible": "النقاط الممكنة",
        "note": "ملاحظة",
        "link": "الرابط",
        "yes": "نعم",
        "no": "لا",
        "footer": "أُعدّ هذا التقرير بمحرك «دليل» للتقييم الذاتي وفق الدليل الإرشادي لاستخدام منصات التواصل الاجتماعي للوزارات والمؤسسات الحكومية (2024). النص العربي للدليل هو المعتمد.",
        "file": "الملف",
        "gaps_count": "عدد الثغرات الحرجة",
        "aggregate_title": "ملخص نتائج الجهات",
        "why": "الأهمية",
        "evidence": "الدليل على التطبيق",
        "source_word": "لفظ المصدر",
    },
    "en": {
        "report_title": "Self-assessment report",
        "entity": "Entity",
        "unit": "Unit",
        "assessor": "Assessor",
        "date": "Assessment date",
        "checklist_version": "Checklist version",
        "overall": "Overall score",
        "level": "Maturity level",
        "capped": "Level capped because of critical gaps (it would otherwise be: {level}).",
        "completeness": "Completeness",
        "answered_of": "{answered} of {total} items ({percent}%)",
        "domains": "Scores by domain",
        "domain": "Domain",
        "score": "Score",
        "answered": "Answered",
        "chart_title": "Domain scores (out of 100)",
        "critical_gaps": "Critical gaps",
        "no_critical_gaps": "No critical gaps.",
        "action_plan": "Action plan",
        "no_actions": "No items need action.",
        "priority": "Priority",
        "item": "Item",
        "answer": "Answer",
        "obligation": "Obligation",
        "weight": "Weight",
        "fix": "What to do",
        "section": "Guideline reference",
        "unanswered": "Unanswered items",
        "none": "None.",
        "notes": "Notes",
        "comparison": "Comparison with the previous assessment",
        "before": "Before",
        "after": "After",
        "change": "Change",
        "trend": "Trend",
        "not_scored": "—",
        "chapter": "Chapter",
        "item_id": "Item id",
        "question": "Question",
        "critical": "Critical",
        "earned": "Points earned",
        "possible": "Points possible",
        "note": "Note",
        "link": "Link",
        "yes": "Yes",
        "no": "No",
        "footer": "Produced by the Daleel self-assessment engine against the Guideline for the Use of Social Media Platforms by Ministries and Government Institutions (2024). The Arabic text of the guideline is authoritative.",
        "file": "File",
        "gaps_count": "Critical gaps",
        "aggregate_title": "Summary of entities' results",
        "why": "Why it matters",
        "evidence": "Evidence",
        "source_word": "Source wording",
    },
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise UsageError(
            [
                Problem(
                    "lang",
                    f"اللغة غير مدعومة {lang!r}؛ المتوقع ar أو en",
                    f"unsupported language {lang!r}; expected ar or en",
                )
            ]
        )
    return lang


def fmt_score(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}"
