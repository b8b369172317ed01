//! The text analysis chain shared by indexing and querying: words split per script, folded
//! and lightly stemmed so that spelling variants of Arabic, Persian, Hebrew and English words
//! meet in the index.
//!
//! ```text
//! WordTokenizer      split into words; a change of script or a ZWNJ ends a word; Arabic-script
//!                    and Hebrew words are folded (arabic::fold_char, hebrew::fold_char), other
//!                    words lowercased; Persian plural fragments after a ZWNJ (`‌ها`, `‌های`)
//!                    are dropped
//! RemoveLongFilter   drop pathological tokens (tantivy)
//! LightStemmer       Arabic article/clitics/suffixes, Hebrew prefixes; ambiguous strips become
//!                    extra tokens at the same position, the primary form comes first
//! AsciiFoldingFilter, Stemmer(English)    Latin words (tantivy; they leave Arabic and
//!                    Hebrew tokens as they are). Lowercasing happens in the tokenizer, only
//!                    where there is case: tantivy's LowerCaser would run the Unicode tables
//!                    over every Arabic letter (measured: a fifth of indexing time).
//! ```
//!
//! Queries run through the same chain; the query builder keeps only the primary form of each
//! position, so alternatives widen what a document answers to without widening queries.

mod arabic;
mod hebrew;
mod scan;

pub use scan::{Prefilter, scannable, words_holding};

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
};

use crate::chars::invisible::ZWNJ;

/// The name the analyzer is registered under in every qari index.
pub const TOKENIZER_NAME: &str = "qari";

/// Builds the analysis chain.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(120))
        .filter(LightStemmer)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Registers the chain with an index (tokenizers are not persisted with the index).
pub fn register(index: &Index) {
    index.tokenizers().register(TOKENIZER_NAME, analyzer());
}

/// Runs the chain over `text` and returns every token (tests, query building, highlighting).
pub fn analyze(text: &str) -> Vec<Token> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    stream.process(&mut |t| out.push(t.clone()));
    out
}

/// The script family a word belongs to, which decides its folding and stemming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Hebrew,
    /// Latin and everything else alphanumeric, digits included.
    Other,
}

fn script_of_word(word: &str) -> Script {
    match word.chars().next() {
        Some(c) if arabic::is_arabic_script(c) => Script::Arabic,
        Some(c) if hebrew::is_hebrew_script(c) => Script::Hebrew,
        _ => Script::Other,
    }
}

/// Invisible characters that may sit inside a word without ending it: the one table, less
/// ZWNJ, which ends a Persian word part.
fn is_ignorable(c: char) -> bool {
    c != ZWNJ && crate::chars::invisible::is_invisible(c)
}

/// Splits text into folded words. See the module doc.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordTokenizer;

/// The tokens of one text, computed eagerly (articles are short; this keeps the splitter a
/// plain loop).
pub struct WordTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream {
        WordTokenStream {
            tokens: split_words(text),
            next: 0,
        }
    }
}

impl TokenStream for WordTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// A word being collected.
struct Pending {
    script: Script,
    from: usize,
    to: usize,
    text: String,
    after_zwnj: bool,
}

fn split_words(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    // For each token: whether a ZWNJ joins it to the token before (`می‌کنم`).
    let mut joined: Vec<bool> = Vec::new();
    let mut current: Option<Pending> = None;
    let mut zwnj_before = false;
    let mut chars = text.char_indices().peekable();

    let flush = |current: &mut Option<Pending>, tokens: &mut Vec<Token>, joined: &mut Vec<bool>| {
        let Some(word) = current.take() else { return };
        if word.text.is_empty()
            || (word.script == Script::Arabic
                && word.after_zwnj
                && arabic::is_detached_suffix(&word.text))
        {
            return;
        }
        let zwnj_len = ZWNJ.len_utf8();
        joined.push(
            word.script == Script::Arabic
                && word.after_zwnj
                && tokens.last().is_some_and(|t: &Token| {
                    t.offset_to + zwnj_len == word.from && script_of_word(&t.text) == Script::Arabic
                }),
        );
        tokens.push(Token {
            offset_from: word.from,
            offset_to: word.to,
            position: tokens.len(),
            text: word.text,
            position_length: 1,
        });
    };

    while let Some((at, c)) = chars.next() {
        let end = at + c.len_utf8();
        if is_ignorable(c) {
            continue;
        }
        if c == ZWNJ {
            flush(&mut current, &mut tokens, &mut joined);
            zwnj_before = true;
            continue;
        }
        let (script, folded) = if c.is_ascii_alphanumeric() {
            (Script::Other, Some(c.to_ascii_lowercase()))
        } else if let Some(d) = arabic::ascii_digit(c) {
            (Script::Other, Some(d))
        } else if arabic::is_arabic_word_char(c) {
            (Script::Arabic, arabic::fold_char(c))
        } else if hebrew::is_hebrew_word_char(c) {
            (Script::Hebrew, hebrew::fold_char(c))
        } else if c.is_alphanumeric() {
            (Script::Other, Some(c))
        } else {
            // Inside a word, a combining mark (Latin accents) or an apostrophe/quote followed
            // by a letter of the same script (`Putin's`, `צה"ל`) does not end the word.
            let next = chars.peek().map(|&(_, n)| n);
            let keeps_word = current.as_ref().is_some_and(|w| match w.script {
                Script::Other => {
                    matches!(c, '\u{0300}'..='\u{036F}')
                        || (matches!(c, '\'' | '\u{2019}') && next.is_some_and(char::is_alphabetic))
                }
                Script::Hebrew => {
                    matches!(c, '\'' | '"' | '\u{2019}' | '\u{201D}')
                        && next.is_some_and(hebrew::is_hebrew_word_char)
                }
                Script::Arabic => false,
            });
            if keeps_word {
                if let Some(w) = current.as_mut() {
                    w.to = end;
                }
            } else {
                flush(&mut current, &mut tokens, &mut joined);
                zwnj_before = false;
            }
            continue;
        };
        if current.as_ref().is_some_and(|w| w.script != script) {
            flush(&mut current, &mut tokens, &mut joined);
        }
        let word = current.get_or_insert_with(|| Pending {
            script,
            from: at,
            to: end,
            text: String::new(),
            after_zwnj: std::mem::take(&mut zwnj_before),
        });
        word.to = end;
        match folded {
            Some(f) if script == Script::Other && !f.is_ascii() => {
                word.text.extend(f.to_lowercase());
            }
            Some(f) => word.text.push(f),
            None => {}
        }
    }
    flush(&mut current, &mut tokens, &mut joined);
    add_joined_forms(tokens, &joined)
}

/// Persian writers join or split the same word with a ZWNJ or not at all (`می‌کنم`,
/// `میکنم`): after each run of ZWNJ-joined parts, the parts written together are added as
/// one more token at the first part's position, so either spelling finds the other.
fn add_joined_forms(tokens: Vec<Token>, joined: &[bool]) -> Vec<Token> {
    if !joined.contains(&true) {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len() + 1);
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1;
        while joined.get(end).copied().unwrap_or(false) {
            end += 1;
        }
        out.push(tokens[i].clone());
        if end - i >= 2 {
            let run = &tokens[i..end];
            out.push(Token {
                offset_from: run[0].offset_from,
                offset_to: run[run.len() - 1].offset_to,
                position: run[0].position,
                text: run.iter().map(|t| t.text.as_str()).collect(),
                position_length: 1,
            });
        }
        out.extend(tokens[i + 1..end].iter().cloned());
        i = end;
    }
    out
}

/// Light stemming for Arabic-script and Hebrew tokens; other tokens pass through.
#[derive(Debug, Clone, Copy, Default)]
pub struct LightStemmer;

#[derive(Clone)]
pub struct LightStemmerFilter<T> {
    inner: T,
}

/// Emits each incoming token's primary stem, then its alternatives at the same position.
pub struct LightStemmerStream<S> {
    tail: S,
    /// Alternatives still to emit, last first.
    pending: Vec<String>,
    current: Token,
}

impl TokenFilter for LightStemmer {
    type Tokenizer<T: Tokenizer> = LightStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> LightStemmerFilter<T> {
        LightStemmerFilter { inner: tokenizer }
    }
}

impl<T: Tokenizer> Tokenizer for LightStemmerFilter<T> {
    type TokenStream<'a> = LightStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LightStemmerStream {
            tail: self.inner.token_stream(text),
            pending: Vec::new(),
            current: Token::default(),
        }
    }
}

impl<S: TokenStream> TokenStream for LightStemmerStream<S> {
    fn advance(&mut self) -> bool {
        if let Some(text) = self.pending.pop() {
            self.current.text = text;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        self.current.clone_from(self.tail.token());
        let mut forms = match script_of_word(&self.current.text) {
            Script::Arabic => arabic::stems(&self.current.text),
            Script::Hebrew => hebrew::stems(&self.current.text),
            Script::Other => return true,
        };
        forms.reverse();
        if let Some(primary) = forms.pop() {
            self.current.text = primary;
        }
        self.pending = forms;
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// The primary token of each position: what a query word means.
pub fn primary_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last = None;
    for t in analyze(text) {
        if last != Some(t.position) {
            out.push(t.text);
            last = Some(t.position);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.text).collect()
    }

    /// True when every primary term of `query` is among the tokens of `doc`.
    fn finds(query: &str, doc: &str) -> bool {
        let doc = texts(doc);
        let q = primary_terms(query);
        !q.is_empty() && q.iter().all(|t| doc.contains(t))
    }

    #[test]
    fn harakat_hamza_teh_marbuta_and_yeh_variants_meet() {
        for (a, b) in [
            ("الأسلحة", "الاسلحه"),
            ("الأَسْلِحَةِ", "الأسلحة"),
            ("إيران", "ايران"),
            ("آسيا", "اسيا"),
            ("مستشفى", "مستشفي"),
            ("مدرسة", "مدرسه"),
        ] {
            assert_eq!(primary_terms(a), primary_terms(b), "{a} vs {b}");
        }
    }

    #[test]
    fn article_and_clitics() {
        assert!(finds("كرملين", "أعلن متحدث باسم للكرملين"));
        assert!(finds("الكرملين", "قال الكرملين"));
        assert!(finds("كرملين", "وبالكرملين اجتماع"));
        assert!(finds("بوتين", "رسالة لبوتين من بايدن"));
        assert!(finds("قال", "وقال الرئيس"));
        assert!(!finds("بوتين", "بايدن"));
    }

    #[test]
    fn persian_and_arabic_kaf_and_yeh_meet_both_ways() {
        assert!(finds("کتاب", "كتاب"));
        assert!(finds("كتاب", "کتاب"));
        assert!(finds("ایران", "إيران"));
        assert!(finds("إيران", "ایران"));
    }

    #[test]
    fn zwnj_splits_and_persian_plural_is_dropped() {
        assert!(finds("دانشگاه", "دانشگاه‌ها"));
        assert!(finds("دانشگاه", "دانشگاه‌های تهران"));
        assert_eq!(texts("دانشگاه‌ها"), texts("دانشگاه"));
        // offsets point into the original text
        let t = analyze("دانشگاه‌ها");
        assert_eq!(t.len(), 1);
        assert_eq!(&"دانشگاه‌ها"[t[0].offset_from..t[0].offset_to], "دانشگاه");
    }

    #[test]
    fn zwnj_joined_parts_are_also_indexed_written_together() {
        let text = "آنها کار می‌کنند";
        assert!(finds("میکنند", text));
        assert!(finds("کنند", text), "the parts stay searchable");
        let t = analyze(text);
        let joined = t.iter().find(|t| t.text == "ميكنند").expect("joined form");
        assert_eq!(&text[joined.offset_from..joined.offset_to], "می‌کنند");
        // It shares the first part's position; the query meaning of the text is unchanged.
        assert_eq!(primary_terms(text), primary_terms("آنها کار می کنند"));
        // A plural suffix after the ZWNJ adds nothing to join.
        assert_eq!(texts("دانشگاه‌ها"), texts("دانشگاه"));
        // Not across a space, nor into Latin text.
        assert!(!finds("کارمی", "کار ‌می"));
    }

    #[test]
    fn digits_fold_to_ascii() {
        assert_eq!(texts("٢٠٢٢"), vec!["2022".to_owned()]);
        assert_eq!(texts("۲۰۲۲"), vec!["2022".to_owned()]);
        // a digit run ends an Arabic word
        assert_eq!(texts("٢٠٢٢م").len(), 2);
    }

    #[test]
    fn hebrew_niqqud_and_prefixes() {
        assert!(finds("שלום", "שָׁלוֹם"));
        assert!(finds("ירושלים", "בירושלים"));
        assert!(finds("צה\"ל", "צה״ל"));
        // a query with a prefix does not drop it
        assert!(!finds("בירושלים", "ירושלים"));
    }

    #[test]
    fn english_is_lowercased_folded_and_stemmed() {
        assert!(finds("libraries", "The library opened"));
        assert!(finds("Library", "public libraries"));
        assert!(finds("cafe", "Café"));
        assert!(finds("putin", "Putin's visit"));
    }

    #[test]
    fn mixed_scripts_split_and_keep_offsets() {
        let text = "قمة G20 في روما";
        let t = analyze(text);
        let words: Vec<&str> = t
            .iter()
            .map(|t| &text[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(words, vec!["قمة", "G20", "في", "روما"]);
        assert_eq!(t[1].text, "g20");
        let glued = primary_terms("بوتينPutin");
        assert_eq!(glued, vec!["بوت".to_owned(), "putin".to_owned()]);
    }

    #[test]
    fn alternatives_share_the_position_and_come_after_the_primary() {
        let t = analyze("لبوتين");
        assert!(t.len() >= 2);
        assert!(t.iter().all(|t| t.position == 0));
        assert_eq!(t[0].text, "لبوت");
    }

    #[test]
    fn junk_does_not_panic() {
        for s in [
            "",
            " ",
            "\u{200C}",
            "ـــ",
            "\u{064B}\u{064B}",
            "'\"",
            "a'",
            "\u{0300}x",
            "‌ها",
        ] {
            let _ = analyze(s);
        }
        assert!(analyze("ـــ ً").is_empty());
    }

    proptest::proptest! {
        /// Any text, including marks, joiners and mixed scripts: no panic, every token's
        /// offsets are an in-bounds, non-empty range on character boundaries, positions never
        /// go back, and a token's text is never empty.
        #[test]
        fn tokens_are_well_formed(text in "[\\u{0600}-\\u{06FF}\\u{0590}-\\u{05FF}a-zA-Z0-9 '\"\\u{200C}\\u{200D}\\u{0300}-\\u{0303}.،-]{0,40}") {
            let tokens = analyze(&text);
            let mut last = 0;
            for t in &tokens {
                proptest::prop_assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
                proptest::prop_assert!(text.is_char_boundary(t.offset_from));
                proptest::prop_assert!(text.is_char_boundary(t.offset_to));
                proptest::prop_assert!(t.position >= last);
                proptest::prop_assert!(!t.text.is_empty());
                last = t.position;
            }
        }

        /// Re-analysing the primary terms of a text keeps one term per word: folding and
        /// stemming never split or swallow a word they produced.
        #[test]
        fn primary_terms_keep_one_term_per_word(text in "[\\u{05D0}-\\u{05EA}a-z ]{0,30}") {
            let once = primary_terms(&text);
            let twice = primary_terms(&once.join(" "));
            proptest::prop_assert_eq!(once.len(), twice.len());
        }
    }
}
