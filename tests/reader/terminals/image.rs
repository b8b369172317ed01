//! Screenshots as a grid of terminal cells: which cells hold ink, and what a cell looks like.
//!
//! A screenshot is read as binary PPM (`ImageMagick` writes it). The grid comes from two cells
//! the test fills (a space in reverse video) in the first and the last cell of the screen:
//! their boxes give the cell size and the origin, whatever the terminal's padding, menu bar,
//! colours or font.

use std::path::Path;

/// An RGB image.
pub struct Image {
    pub width: usize,
    pub height: usize,
    pixels: Vec<u8>,
}

impl Image {
    /// Reads a binary PPM (`P6`, 8 bits).
    pub fn read_ppm(path: &Path) -> Result<Image, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut fields = Vec::new();
        let mut i = 0;
        while fields.len() < 4 && i < bytes.len() {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) == Some(&b'#') {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
        }
        let bad = || format!("{}: not an 8-bit binary PPM", path.display());
        if fields.len() < 4 || fields[0] != "P6" || fields[3] != "255" {
            return Err(bad());
        }
        let width: usize = fields[1].parse().map_err(|_| bad())?;
        let height: usize = fields[2].parse().map_err(|_| bad())?;
        let pixels = bytes
            .get(i + 1..i + 1 + width * height * 3)
            .ok_or_else(bad)?;
        Ok(Image {
            width,
            height,
            pixels: pixels.to_vec(),
        })
    }

    pub fn rgb(&self, x: usize, y: usize) -> [u8; 3] {
        let at = (y * self.width + x) * 3;
        [self.pixels[at], self.pixels[at + 1], self.pixels[at + 2]]
    }

    fn luma(&self, x: usize, y: usize) -> i32 {
        let [red, green, blue] = self.rgb(x, y);
        (i32::from(red) * 3 + i32::from(green) * 6 + i32::from(blue)) / 10
    }
}

/// Where the cells are: cell `(col, row)` covers `x0 + col·cw .. + cw`, `y0 + row·ch .. + ch`.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    pub x0: f64,
    pub y0: f64,
    pub cw: f64,
    pub ch: f64,
}

/// The boxes of the connected areas of `img` that stand out from its most common colour (the
/// terminal's background).
fn bright_boxes(img: &Image) -> Vec<(usize, usize, usize, usize, usize)> {
    let (w, h) = (img.width, img.height);
    let mut counts: std::collections::HashMap<i32, usize> = std::collections::HashMap::default();
    for y in (0..h).step_by(3) {
        for x in (0..w).step_by(3) {
            *counts.entry(img.luma(x, y)).or_default() += 1;
        }
    }
    let bg = counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(0, |(l, _)| l);
    let bright = |x: usize, y: usize| (img.luma(x, y) - bg).abs() > 100;
    let mut seen = vec![false; w * h];
    let mut boxes = Vec::new();
    for y in 0..h {
        for x in 0..w {
            if seen[y * w + x] || !bright(x, y) {
                continue;
            }
            let (mut x1, mut y1, mut x2, mut y2, mut n) = (x, y, x, y, 0);
            let mut stack = vec![(x, y)];
            seen[y * w + x] = true;
            while let Some((px, py)) = stack.pop() {
                n += 1;
                x1 = x1.min(px);
                x2 = x2.max(px);
                y1 = y1.min(py);
                y2 = y2.max(py);
                let mut push = |qx: usize, qy: usize| {
                    if !seen[qy * w + qx] && bright(qx, qy) {
                        seen[qy * w + qx] = true;
                        stack.push((qx, qy));
                    }
                };
                if px > 0 {
                    push(px - 1, py);
                }
                if px + 1 < w {
                    push(px + 1, py);
                }
                if py > 0 {
                    push(px, py - 1);
                }
                if py + 1 < h {
                    push(px, py + 1);
                }
            }
            boxes.push((x1, y1, x2, y2, n));
        }
    }
    boxes
}

impl Grid {
    /// The grid from a screenshot whose only solid rectangles are the calibration cells: the
    /// first cell and the cell `(cols - 1, rows - 1)`.
    pub fn calibrate(img: &Image, cols: usize, rows: usize) -> Result<Grid, String> {
        // Solid, cell-shaped areas: filled (almost) completely, taller than wide.
        let mut blocks: Vec<_> = bright_boxes(img)
            .into_iter()
            .filter(|&(x1, y1, x2, y2, n)| {
                let (bw, bh) = (x2 - x1 + 1, y2 - y1 + 1);
                bw >= 4 && bh >= 8 && bh > bw && n * 10 >= bw * bh * 9
            })
            .collect();
        blocks.sort_by_key(|b| (b.1, b.0));
        let (Some(first), Some(last)) = (blocks.first(), blocks.last()) else {
            return Err("no calibration blocks in the screenshot".into());
        };
        if blocks.len() < 2 {
            return Err("only one calibration block in the screenshot".into());
        }
        let cw = (last.0 as f64 - first.0 as f64) / (cols - 1) as f64;
        let ch = (last.1 as f64 - first.1 as f64) / (rows - 1) as f64;
        let block_w = (first.2 - first.0 + 1) as f64;
        if cw < 4.0 || ch < 8.0 || (block_w - cw).abs() > cw * 0.3 {
            return Err(format!(
                "calibration blocks do not make a grid: {first:?} {last:?}"
            ));
        }
        Ok(Grid {
            x0: first.0 as f64,
            y0: first.1 as f64,
            cw,
            ch,
        })
    }

    /// The pixel box of a cell, shrunk by a pixel on each side (neighbours' antialiasing).
    fn cell_box(&self, col: usize, row: usize) -> (usize, usize, usize, usize) {
        let x1 = (self.x0 + col as f64 * self.cw).round() as usize;
        let y1 = (self.y0 + row as f64 * self.ch).round() as usize;
        let x2 = (self.x0 + (col + 1) as f64 * self.cw).round() as usize;
        let y2 = (self.y0 + (row + 1) as f64 * self.ch).round() as usize;
        (x1 + 1, y1 + 1, x2.saturating_sub(1), y2.saturating_sub(1))
    }

    /// Whether a cell holds ink: pixels far from the cell's own background (its most common
    /// colour, so a highlighted row is judged against its highlight), in the upper three
    /// quarters of the cell, above where an underline runs under spaces too.
    pub fn ink(&self, img: &Image, col: usize, row: usize) -> bool {
        let (x1, y1, x2, y2) = self.cell_box(col, row);
        let y2 = y1 + (y2.saturating_sub(y1)) * 3 / 4;
        if x2 > img.width || y2 > img.height || x1 >= x2 || y1 >= y2 {
            return false;
        }
        let mut counts: std::collections::HashMap<[u8; 3], usize> =
            std::collections::HashMap::default();
        for y in y1..y2 {
            for x in x1..x2 {
                *counts.entry(img.rgb(x, y)).or_default() += 1;
            }
        }
        let Some((&bg, _)) = counts.iter().max_by_key(|(_, n)| **n) else {
            return false;
        };
        let far = |p: [u8; 3]| {
            p.iter()
                .zip(bg)
                .map(|(a, b)| (i32::from(*a) - i32::from(b)).abs())
                .sum::<i32>()
                > 80
        };
        let inked = counts
            .iter()
            .filter(|(p, _)| far(**p))
            .map(|(_, n)| n)
            .sum::<usize>();
        inked >= 2
    }

    /// A cell's look, as luma values normalised to the cell's background (for comparing
    /// glyphs by shape).
    pub fn patch(&self, img: &Image, col: usize, row: usize) -> Vec<f64> {
        let (x1, y1, _, _) = self.cell_box(col, row);
        let (w, h) = (self.cw.floor() as usize - 2, self.ch.floor() as usize - 2);
        let mut v = Vec::with_capacity(w * h);
        for y in y1..y1 + h {
            for x in x1..x1 + w {
                let l = if x < img.width && y < img.height {
                    img.luma(x, y)
                } else {
                    0
                };
                v.push(f64::from(l));
            }
        }
        let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
        for p in &mut v {
            *p -= mean;
        }
        v
    }
}

/// Similarity of two patches (normalised correlation, −1..1).
pub fn similarity(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f64 = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|x| x * x).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}
