//! Whole rows for a terminal that reorders (terminal mode).
//!
//! ratatui sends only the cells that changed. A terminal that reorders lays each row out
//! again from all its cells, and terminal mode carries each line's direction in zero-width
//! controls stored with a neighbouring cell (Konsole keeps them on the cell before): a partial
//! redraw that rewrites that neighbour loses them, and a row drawn partly in one layout and
//! partly in another spills text across the pane borders. So in terminal mode a row that
//! changes is sent whole: [`Rows`] wraps the backend, keeps what is on screen, and turns the
//! changed cells of a frame into every cell of the rows they are in.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// A backend that sends whole rows when `whole` is set (terminal mode), else what it is given.
pub struct Rows<B: Backend> {
    inner: B,
    whole: bool,
    /// The screen as last sent, row by row.
    shown: Vec<Vec<Cell>>,
}

impl<B: Backend> Rows<B> {
    pub fn new(inner: B, whole: bool) -> Rows<B> {
        Rows {
            inner,
            whole,
            shown: Vec::new(),
        }
    }

    fn cell_mut(&mut self, x: u16, y: u16) -> &mut Cell {
        let (x, y) = (usize::from(x), usize::from(y));
        if self.shown.len() <= y {
            self.shown.resize(y + 1, Vec::new());
        }
        let row = &mut self.shown[y];
        if row.len() <= x {
            row.resize(x + 1, Cell::default());
        }
        &mut row[x]
    }
}

impl<B: Backend> Backend for Rows<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if !self.whole {
            return self.inner.draw(content);
        }
        let mut dirty: Vec<u16> = Vec::new();
        for (x, y, cell) in content {
            *self.cell_mut(x, y) = cell.clone();
            if !dirty.contains(&y) {
                dirty.push(y);
            }
        }
        dirty.sort_unstable();
        let shown = &self.shown;
        let cells = dirty.iter().flat_map(|&y| {
            shown
                .get(usize::from(y))
                .into_iter()
                .flat_map(move |row| row.iter().enumerate().map(move |(x, c)| (x, y, c)))
                .filter_map(|(x, y, c)| u16::try_from(x).ok().map(|x| (x, y, c)))
                // The second cell of a wide character is covered by it.
                .filter(|(_, _, c)| !c.symbol().is_empty())
        });
        self.inner.draw(cells)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.shown.clear();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.shown.clear();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    /// Records what reaches the inner backend.
    struct Record {
        inner: TestBackend,
        sent: Vec<(u16, u16)>,
    }

    impl Backend for Record {
        type Error = <TestBackend as Backend>::Error;
        fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            let cells: Vec<(u16, u16, &Cell)> = content.collect();
            self.sent.extend(cells.iter().map(|&(x, y, _)| (x, y)));
            self.inner.draw(cells.into_iter())
        }
        fn hide_cursor(&mut self) -> Result<(), Self::Error> {
            self.inner.hide_cursor()
        }
        fn show_cursor(&mut self) -> Result<(), Self::Error> {
            self.inner.show_cursor()
        }
        fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
            self.inner.get_cursor_position()
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, p: P) -> Result<(), Self::Error> {
            self.inner.set_cursor_position(p)
        }
        fn clear(&mut self) -> Result<(), Self::Error> {
            self.inner.clear()
        }
        fn clear_region(&mut self, t: ClearType) -> Result<(), Self::Error> {
            self.inner.clear_region(t)
        }
        fn size(&self) -> Result<Size, Self::Error> {
            self.inner.size()
        }
        fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
            self.inner.window_size()
        }
        fn flush(&mut self) -> Result<(), Self::Error> {
            self.inner.flush()
        }
    }

    fn sent_after_one_change(whole: bool) -> Vec<(u16, u16)> {
        let record = Record {
            inner: TestBackend::new(6, 3),
            sent: Vec::new(),
        };
        let mut terminal = Terminal::new(Rows::new(record, whole)).unwrap();
        terminal
            .draw(|f| f.render_widget(Paragraph::new("abcdef\nghijkl\nmnopqr"), f.area()))
            .unwrap();
        terminal.backend_mut().inner.sent.clear();
        terminal
            .draw(|f| f.render_widget(Paragraph::new("abcdef\nghiXkl\nmnopqr"), f.area()))
            .unwrap();
        terminal.backend_mut().inner.sent.clone()
    }

    #[test]
    fn a_changed_cell_sends_its_whole_row_in_terminal_mode() {
        assert_eq!(sent_after_one_change(false), [(3, 1)]);
        assert_eq!(
            sent_after_one_change(true),
            [(0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]
        );
    }
}
