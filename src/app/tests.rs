//! Flows through `App::update`: open, follow link, back, forward, scroll memory, focus, marks.
