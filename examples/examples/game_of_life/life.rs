//! Conway's Game of Life on a bounded grid: FastHTML's `update_grid`, where the cells past
//! the edge count as dead (the board does not wrap around).

/// A board and how many generations it has lived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Life {
    width: usize,
    cells: Vec<bool>,
    generation: u64,
}

impl Life {
    /// An empty board, generation 0.
    pub fn new(width: usize, height: usize) -> Life {
        Life {
            width,
            cells: vec![false; width * height],
            generation: 0,
        }
    }

    /// A board drawn as text, one line per row: `#` is alive, `.` is dead (how it is saved).
    /// `None` unless it is a non-empty rectangle of those two characters.
    pub fn parse(text: &str) -> Option<Life> {
        let rows: Vec<&str> = text.lines().collect();
        let width = rows.first()?.len();
        if width == 0 || rows.iter().any(|r| r.len() != width) {
            return None;
        }
        let cells = rows
            .iter()
            .flat_map(|r| r.bytes())
            .map(|b| match b {
                b'#' => Some(true),
                b'.' => Some(false),
                _ => None,
            })
            .collect::<Option<Vec<bool>>>()?;
        Some(Life {
            width,
            cells,
            generation: 0,
        })
    }

    /// The board as [`Life::parse`] reads it.
    pub fn to_text(&self) -> String {
        self.rows()
            .map(|row| row.iter().map(|&c| if c { '#' } else { '.' }).collect())
            .collect::<Vec<String>>()
            .join("\n")
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.cells.len() / self.width.max(1)
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn set_generation(&mut self, generation: u64) {
        self.generation = generation;
    }

    /// The rows, top to bottom.
    pub fn rows(&self) -> impl Iterator<Item = &[bool]> {
        self.cells.chunks(self.width.max(1))
    }

    /// How many cells are alive.
    pub fn population(&self) -> usize {
        self.cells.iter().filter(|&&c| c).count()
    }

    fn index(&self, x: usize, y: usize) -> Option<usize> {
        (x < self.width && y < self.height()).then(|| y * self.width + x)
    }

    /// Is the cell at column `x`, row `y` alive? (Off the board: no.)
    pub fn is_alive(&self, x: usize, y: usize) -> bool {
        self.index(x, y).is_some_and(|i| self.cells[i])
    }

    /// Flips a cell; `false` (and no change) if it is off the board.
    pub fn toggle(&mut self, x: usize, y: usize) -> bool {
        match self.index(x, y) {
            Some(i) => {
                self.cells[i] = !self.cells[i];
                true
            }
            None => false,
        }
    }

    /// Kills every cell and starts counting generations again.
    pub fn clear(&mut self) {
        self.cells.fill(false);
        self.generation = 0;
    }

    fn neighbours(&self, x: usize, y: usize) -> usize {
        let rows = y.saturating_sub(1)..=(y + 1).min(self.height() - 1);
        rows.flat_map(|ny| {
            let cols = x.saturating_sub(1)..=(x + 1).min(self.width - 1);
            cols.map(move |nx| (nx, ny))
        })
        .filter(|&(nx, ny)| (nx, ny) != (x, y) && self.is_alive(nx, ny))
        .count()
    }

    /// Advances one generation: a live cell with two or three live neighbours lives on, a dead
    /// cell with exactly three comes alive, every other cell is dead.
    pub fn step(&mut self) {
        let next = (0..self.cells.len())
            .map(|i| {
                let (x, y) = (i % self.width, i / self.width);
                matches!((self.cells[i], self.neighbours(x, y)), (true, 2) | (_, 3))
            })
            .collect();
        self.cells = next;
        self.generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::Life;

    fn board(rows: &[&str]) -> Life {
        Life::parse(&rows.join("\n")).expect("a rectangle of # and .")
    }

    fn stepped(mut life: Life, n: usize) -> Life {
        for _ in 0..n {
            life.step();
        }
        life
    }

    #[test]
    fn a_blinker_oscillates_with_period_two() {
        let horizontal = board(&[".....", ".....", ".###.", ".....", "....."]);
        let vertical = board(&[".....", "..#..", "..#..", "..#..", "....."]);
        let once = stepped(horizontal.clone(), 1);
        assert_eq!(once.to_text(), vertical.to_text());
        assert_eq!(once.generation(), 1);
        assert_eq!(
            stepped(horizontal.clone(), 2).to_text(),
            horizontal.to_text()
        );
    }

    #[test]
    fn a_block_is_still_and_a_glider_moves_one_cell_diagonally_in_four_generations() {
        let block = board(&["....", ".##.", ".##.", "...."]);
        assert_eq!(stepped(block.clone(), 5).to_text(), block.to_text());

        let glider = board(&[".#....", "..#...", "###...", "......", "......", "......"]);
        let moved = board(&["......", "..#...", "...#..", ".###..", "......", "......"]);
        assert_eq!(stepped(glider, 4).to_text(), moved.to_text());
    }

    #[test]
    fn the_edge_is_dead_not_wrapped() {
        // A blinker lying on the top edge loses its outer cells' partners above the board.
        let edge = board(&["###", "...", "..."]);
        assert_eq!(stepped(edge, 1).to_text(), [".#.", ".#.", "..."].join("\n"));
        // On a torus the three corners would be neighbours of the fourth and bring it to life;
        // here each is alone and dies.
        let corners = board(&["#..#", "....", "....", "#..."]);
        assert_eq!(stepped(corners, 1).population(), 0);
    }

    #[test]
    fn underpopulation_overcrowding_and_birth() {
        // The centre has 4 neighbours: it dies; the corners of the plus get 2 or 3.
        let plus = board(&[".#.", "###", ".#."]);
        let next = stepped(plus, 1);
        assert!(!next.is_alive(1, 1), "overcrowded centre dies");
        assert!(
            next.is_alive(0, 0),
            "a dead corner with 3 neighbours is born"
        );
        assert!(next.is_alive(1, 0), "a live cell with 3 neighbours lives");
        let lonely = board(&["#..", "...", "..#"]);
        assert_eq!(stepped(lonely, 1).population(), 0);
    }

    #[test]
    fn toggle_clear_and_bounds() {
        let mut life = Life::new(20, 20);
        assert_eq!((life.width(), life.height()), (20, 20));
        assert!(life.toggle(3, 4));
        assert!(life.is_alive(3, 4) && !life.is_alive(4, 3));
        assert!(life.toggle(3, 4));
        assert!(!life.is_alive(3, 4));
        assert!(!life.toggle(20, 0), "off the board");
        assert!(!life.toggle(0, 20), "off the board");
        assert_eq!(life.population(), 0);
        life.toggle(0, 0);
        life.step();
        life.toggle(1, 1);
        assert_eq!(life.generation(), 1);
        life.clear();
        assert_eq!((life.population(), life.generation()), (0, 0));
    }

    #[test]
    fn text_round_trip_and_bad_text() {
        let mut life = Life::new(4, 3);
        life.toggle(0, 0);
        life.toggle(3, 2);
        let text = life.to_text();
        assert_eq!(text, "#...\n....\n...#");
        assert_eq!(Life::parse(&text), Some(life));
        assert_eq!(Life::parse(""), None);
        assert_eq!(Life::parse("#.\n#"), None, "ragged");
        assert_eq!(Life::parse("#x"), None, "not a cell");
    }
}
