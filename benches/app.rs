//! The reader's costs: laying out a story when it is opened (the only time the bidi engine
//! runs for it), drawing a frame from the cached layout, a key press followed by a frame, and
//! starting on a large archive (sorting plus laying out only the rows on screen), and the
//! workflow keys that rebuild a large list (`U`, `S`, `f`). Run with `cargo bench --bench app`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use qari::action::Command;
use qari::app::App;
use qari::app::document;
use qari::input::parse_keys;
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::library::state::Marks;
use qari_core::model::{Direction, Published, Story, StoryId};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A long Arabic story made of our own sentences.
fn story(i: u64) -> Story {
    let para = "قال وزير المياه إن الخطة الجديدة ستنفذ على ثلاث مراحل حتى عام 2030، وإن كلفتها \
                تبلغ 1.8 مليار دولار بمشاركة البنك الدولي (World Bank) والقطاع الخاص.";
    let paragraphs: Vec<String> = (0..12).map(|n| format!("{n}. {para}")).collect();
    let title = format!("خبر رقم {i} عن خطة المياه الوطنية في المدن الساحلية");
    let mut story = Story::new(StoryId(i + 1), title, paragraphs, format!("bench/{i}.txt"))
        .in_language("ar", Direction::Rtl);
    story.meta.source = Some("الرافد".into());
    story.meta.published = Some(Published {
        year: 2024,
        month: 1 + (i % 12) as u8,
        day: 1 + (i % 28) as u8,
        time: None,
        offset_minutes: None,
    });
    story
}

fn app_with(n: u64) -> App {
    let library = Library::from_stories((0..n).map(story).collect());
    let mut app = App::new(library, &[], Marks::default(), Options::default());
    app.update(Command::Resize {
        cols: 120,
        rows: 40,
    });
    app
}

fn reader(c: &mut Criterion) {
    let library = Library::from_stories(vec![story(0)]);
    let s = &library.stories()[0];
    let body = qari::app::bodies::Body::Loaded(library.resident_body(s.id).expect("resident"));
    c.bench_function(
        "open: lay out a 12-paragraph Arabic story at 70 columns",
        |b| {
            b.iter(|| {
                let display = (&Options::default(), &qari::i18n::Tr::default(), "o");
                document::build(&library, black_box(s), Some(&body), 70, display)
            });
        },
    );

    let app = app_with(50);
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    c.bench_function("frame: draw 120x40 from the cached layout", |b| {
        b.iter(|| {
            buf.reset();
            qari::ui::render(
                &qari::ui::View {
                    app: black_box(&app),
                    theme: &qari::ui::theme::Theme::default(),
                },
                area,
                &mut buf,
            );
        });
    });

    let mut app = app_with(50);
    let keys = parse_keys("jk").expect("valid keys");
    c.bench_function("keys: j then k in the list, a frame after each", |b| {
        b.iter(|| {
            for &key in &keys {
                app.key(key);
                buf.reset();
                qari::ui::render(
                    &qari::ui::View {
                        app: &app,
                        theme: &qari::ui::theme::Theme::default(),
                    },
                    area,
                    &mut buf,
                );
            }
        });
    });

    let library = Library::from_stories((0..20_000).map(story).collect());
    let mut group = c.benchmark_group("start");
    group.sample_size(10);
    group.bench_function("App::new on 20,000 stories", |b| {
        b.iter_batched(
            || library.clone(),
            |library| App::new(library, &[], Marks::default(), Options::default()),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

/// The catalog issue's row: a 5,000-word story of an archive on disk, opened from the list —
/// its file read and parsed (`Library::read_body`, what the reader's `Effect::LoadBody`
/// does), laid out for a 200x60 terminal, and the first frame drawn.
fn open_from_disk(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let sentence = "قال وزير المياه إن الخطة الجديدة ستنفذ على ثلاث مراحل حتى عام 2030 بكلفة \
                    تبلغ 1.8 مليار دولار، وإن العمل سيبدأ في المدن الساحلية أولًا.";
    // 22 words a sentence, 5 sentences a paragraph, 46 paragraphs: about 5,000 words.
    let paragraph = [sentence; 5].join(" ");
    let body = vec![paragraph.as_str(); 46].join("\n\n");
    std::fs::write(
        dir.path().join("long.txt"),
        format!("خطة المياه الوطنية في المدن الساحلية\n\nنشر في 3 مارس 2022\n\n{body}\n"),
    )
    .expect("write");
    for i in 0..50 {
        std::fs::write(
            dir.path().join(format!("s{i:02}.txt")),
            format!("خبر رقم {i}\n\nنشر في 1 يناير 2023\n\nنص.\n"),
        )
        .expect("write");
    }
    let (library, _) = Library::load(&[dir.path().to_path_buf()]);
    let long = library
        .stories()
        .iter()
        .find(|s| s.paragraph_count == 46)
        .expect("the long story")
        .id;
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    let open = |app: &mut App| {
        app.update(Command::Activate);
        for effect in app.take_effects() {
            if let qari::app::Effect::LoadBody(id) = effect {
                let body = app.library().read_body(id).map_err(|e| e.to_string());
                app.update(qari::action::Action::Body { id, body });
            }
        }
    };
    let fresh = || {
        let mut app = App::loading(Marks::default(), Options::default());
        app.update(Command::Resize {
            cols: 200,
            rows: 60,
        });
        // the long story under the cursor, as a restored session leaves it
        app.update(qari::action::Action::Loaded {
            library: library.clone().into(),
            errors: Vec::new(),
            session: Some(qari_core::library::session::Session {
                selected: Some(long),
                ..Default::default()
            }),
        });
        app.take_effects();
        app
    };
    // What is measured really is the long story, read and laid out.
    let mut check = fresh();
    open(&mut check);
    assert_eq!(check.open_story(), Some(long));
    assert!(
        check.reader().line_count() > 250,
        "{}",
        check.reader().line_count()
    );
    c.bench_function(
        "open a 5,000-word story from disk, first frame at 200x60",
        |b| {
            b.iter_batched(
                fresh,
                |mut app| {
                    open(&mut app);
                    buf.reset();
                    qari::ui::render(
                        &qari::ui::View {
                            app: &app,
                            theme: &qari::ui::theme::Theme::default(),
                        },
                        area,
                        &mut buf,
                    );
                },
                BatchSize::SmallInput,
            );
        },
    );
}

/// The workflow keys on a large list (issue 11): each rebuilds the list of 20,000 stories
/// (filter, order, selection kept) and recounts the unread stories, then a frame is drawn.
fn workflow(c: &mut Criterion) {
    let mut app = app_with(20_000);
    // half the archive read, so unread-only has work to do
    let mut marks = app.marks().clone();
    for i in (0..20_000).step_by(2) {
        marks.set_read(StoryId(i + 1), true);
    }
    app.update(qari::action::Action::MarksSaved(marks));
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    let mut group = c.benchmark_group("workflow on 20,000 stories");
    group.sample_size(10);
    for (name, keys) in [
        ("U twice (unread only, then all), a frame after each", "UU"),
        (
            "S four times (every sort order), a frame after each",
            "SSSS",
        ),
        (
            "f lang:ar source:الرافد, then f cleared",
            "flang:ar source:الرافد<Enter>f<C-u><Enter>",
        ),
        ("j in the list (preview the next story), a frame", "j"),
    ] {
        let keys = parse_keys(keys).expect("valid keys");
        group.bench_function(name, |b| {
            b.iter(|| {
                for &key in &keys {
                    app.key(key);
                    buf.reset();
                    qari::ui::render(
                        &qari::ui::View {
                            app: &app,
                            theme: &qari::ui::theme::Theme::default(),
                        },
                        area,
                        &mut buf,
                    );
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, reader, open_from_disk, workflow);
criterion_main!(benches);
