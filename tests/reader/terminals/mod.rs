//! The matrix's parts: Xvfb and screenshots (`x11`), the emulators and how each is started
//! (`emulators`), and screenshots read as cells (`image`).

pub mod emulators;
pub mod image;
pub mod x11;
