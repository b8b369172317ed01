mod common;
#[test]
fn peek() {
    for (c, r, k) in [
        (100, 30, ""),
        (100, 30, "<Tab>jjj"),
        (60, 20, ""),
        (100, 30, "?"),
    ] {
        println!("{}\n-----", common::screen(c, r, k));
    }
}
