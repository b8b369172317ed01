//! A deterministic generator of news-like stories for benchmarks and for the large test
//! archive: Arabic sentences (with some English, Persian and Hebrew) assembled from a word list
//! written for this purpose, so sizes and term statistics resemble a real archive.

/// A small linear congruential generator: reproducible without a dependency.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

const ARABIC: &[&str] = &[
    "الرئيس",
    "الحكومة",
    "وزير",
    "الخارجية",
    "أعلن",
    "قال",
    "اليوم",
    "مدينة",
    "العاصمة",
    "الاقتصاد",
    "الأسواق",
    "النفط",
    "الأسعار",
    "ارتفاع",
    "انخفاض",
    "المفاوضات",
    "السلام",
    "الحدود",
    "الأمن",
    "الجيش",
    "الانتخابات",
    "البرلمان",
    "مجلس",
    "الشعب",
    "المدارس",
    "الجامعة",
    "الطلاب",
    "المستشفى",
    "الصحة",
    "الأطباء",
    "الطقس",
    "أمطار",
    "غزيرة",
    "رياح",
    "الميناء",
    "السفن",
    "شحنة",
    "الأسلحة",
    "النووية",
    "الكرملين",
    "موسكو",
    "واشنطن",
    "بكين",
    "القاهرة",
    "بيروت",
    "دمشق",
    "بغداد",
    "الرياض",
    "تونس",
    "الرباط",
    "مؤتمر",
    "صحفي",
    "بيان",
    "رسمي",
    "مصادر",
    "مطلعة",
    "أكدت",
    "أوضح",
    "وأضاف",
    "للمرة",
    "الأولى",
    "منذ",
    "سنوات",
    "خلال",
    "الأسبوع",
    "الماضي",
    "المقبل",
    "في",
    "من",
    "على",
    "إلى",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "أن",
    "التي",
    "الذي",
    "هذا",
    "هذه",
    "كما",
    "حيث",
    "بين",
];
const ENGLISH: &[&str] = &[
    "the",
    "minister",
    "said",
    "talks",
    "market",
    "prices",
    "oil",
    "election",
    "library",
    "university",
    "students",
    "weather",
    "port",
    "ships",
    "summit",
    "Reuters",
    "AFP",
];
const PERSIAN: &[&str] = &["دانشگاه‌ها", "کتابخانه", "ایران", "تهران", "دانشجویان"];
const HEBREW: &[&str] = &["ירושלים", "הממשלה", "בכנסת", "שלום", "החדשות"];

/// One sentence of `words` words, mostly Arabic.
pub fn sentence(rng: &mut Lcg, words: usize) -> String {
    let mut s = Vec::with_capacity(words);
    for _ in 0..words {
        let w = match rng.next() % 20 {
            0 => rng.pick(ENGLISH),
            1 => rng.pick(PERSIAN),
            2 => rng.pick(HEBREW),
            _ => rng.pick(ARABIC),
        };
        s.push(w);
    }
    let mut out = s.join(" ");
    out.push('.');
    out
}

/// Story number `n`: a title and 4–9 paragraphs of 2–4 sentences.
pub fn story(seed: u64, n: u64) -> (String, Vec<String>) {
    let mut rng = Lcg(seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let title = sentence(&mut rng, 8).trim_end_matches('.').to_owned();
    let paragraphs = (0..4 + rng.next() % 6)
        .map(|_| {
            (0..2 + rng.next() % 3)
                .map(|_| {
                    let len = 12 + (rng.next() % 14) as usize;
                    sentence(&mut rng, len)
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    (title, paragraphs)
}
