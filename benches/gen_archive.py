#!/usr/bin/env python3
"""Writes a synthetic archive for loader measurements: N stories as scraped text pages
(masthead, published label, source, paragraphs, read-also bullets or an embedded story) plus
JSON Lines files, with links between them. Deterministic (seeded). Usage:

    python3 benches/gen_archive.py /tmp/qari-100k 100000
    cargo build --release && time target/release/qari list --count /tmp/qari-100k
"""
import json
import os
import random
import sys

WORDS = ("وزير مجلس الحكومة المياه الزراعة مشروع خطة اتفاق مدينة قرية شركة سوق أسعار طاقة "
         "محطة شبكة طريق ميناء مطار جامعة مدرسة مستشفى تقرير دراسة بيان مؤتمر قمة اجتماع "
         "رئيس مدير خبير باحث مزارع عامل طالب سكان موسم صيف شتاء مطر جفاف نهر سد بحر "
         "قال أعلن أكد أضاف أشار أوضح افتتح أطلق وقع ناقش بحث طالب حذر توقع ارتفع انخفض "
         "الأول الجديد الكبير المحلي الوطني الإقليمي الدولي الاقتصادي الاجتماعي البيئي").split()
LATIN = "Reuters AFP UNESCO FAO GPS Python 2024 v2.1 (FAO) 35%".split()
# One story in fifty mentions this word (decided by the story's number alone, so the rest of
# the archive is the same with or without it): the search benchmark's query with ~2% hits.
MARKER = "زرزور"


def marked(i):
    return random.Random(i * 7919 + 13).random() < 0.02


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), rng.choice(LATIN))
    return " ".join(words) + "."


def title(i, rng):
    return f"{sentence(rng, 7)[:-1]} {i}"


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(7)
    titles = [title(i, rng) for i in range(n)]
    text_n = n * 4 // 5
    for i in range(text_n):
        d = os.path.join(root, f"{i // 1000:03}")
        if i % 1000 == 0:
            os.makedirs(d, exist_ok=True)
        paras = [sentence(rng, rng.randint(15, 40)) for _ in range(rng.randint(3, 8))]
        if marked(i):
            paras[-1] = f"{paras[-1][:-1]} {MARKER}."
        page = (f"رئيس مجلس الإدارة\nفلان الفلاني\n\n{titles[i]}\n\n"
                f"نشر في {rng.randint(1, 28)} سبتمبر {rng.randint(2015, 2024)}\nوكالة {rng.choice(WORDS)}\n\n"
                + "\n\n\u00a0\n\n".join(paras))
        if rng.random() < 0.5:
            page += "\n\nاقرأ أيضًا..\n\n" + "\n".join(f"- {titles[rng.randrange(n)]}" for _ in range(3))
        else:
            j = rng.randrange(n)
            page += f"\n\nاقرأ أيضًا..\n\n{titles[j]}\n\n{sentence(rng, 20)}\n\n{sentence(rng, 20)}"
        with open(os.path.join(d, f"{i:06}.txt"), "w", encoding="utf-8") as f:
            f.write(page + "\n")
    jd = os.path.join(root, "wire")
    os.makedirs(jd, exist_ok=True)
    for start in range(text_n, n, 1000):
        with open(os.path.join(jd, f"{start:06}.jsonl"), "w", encoding="utf-8") as f:
            for i in range(start, min(start + 1000, n)):
                body = [sentence(rng, rng.randint(15, 40)) for _ in range(rng.randint(2, 6))]
                if marked(i):
                    body[-1] = f"{body[-1][:-1]} {MARKER}."
                rec = {"title": titles[i], "source": "wire",
                       "body": body,
                       "related": [titles[rng.randrange(n)] for _ in range(2)]}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
