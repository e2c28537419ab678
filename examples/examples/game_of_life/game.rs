//! The one game every player shares: the board, the ticker that advances it while the game
//! runs, showing every change to every player, and the board saved in SQLite.

use super::life::Life;
use ft_web::data::Table;
use ft_web::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::oneshot;

/// The room every player's socket joins.
pub const ROOM: &str = "gol";
/// The board is `SIZE` x `SIZE` cells (FastHTML's example: 20).
pub const SIZE: usize = 20;

/// The saved board (one row, id 1), so a restarted server shows the same board.
#[derive(Record, Clone, Debug)]
#[table(name = "board")]
pub struct Board {
    pub id: i64,
    /// Rows of `#` (alive) and `.` (dead), as [`Life::parse`] reads them.
    pub cells: String,
    pub generation: i64,
}

/// The shared game: a cheap handle, kept in the app's state (the tests keep a clone).
#[derive(Clone)]
pub struct Game(Arc<Inner>);

struct Inner {
    /// Time between generations while the game runs.
    period: Duration,
    now: Mutex<Now>,
    /// One broadcast at a time, each rendering the board as it is when its turn comes: the
    /// last message every player gets shows the latest board, however requests interleave.
    turn: tokio::sync::Mutex<()>,
    /// The saved board has been read (once per process).
    loaded: tokio::sync::OnceCell<()>,
    /// Ticker tasks alive right now: 0 or 1 (more would be a leak).
    tickers: AtomicUsize,
}

struct Now {
    life: Life,
    /// `Some` while the game runs.
    run: Option<Run>,
    runs: u64,
}

/// The running ticker: its number and the sender whose drop stops it.
struct Run {
    number: u64,
    _stop: oneshot::Sender<()>,
}

impl Game {
    /// An empty board that advances every `period` while it runs.
    pub fn new(period: Duration) -> Game {
        Game(Arc::new(Inner {
            period,
            now: Mutex::new(Now {
                life: Life::new(SIZE, SIZE),
                run: None,
                runs: 0,
            }),
            turn: tokio::sync::Mutex::new(()),
            loaded: tokio::sync::OnceCell::new(),
            tickers: AtomicUsize::new(0),
        }))
    }

    fn now(&self) -> MutexGuard<'_, Now> {
        // Nothing panics while holding the lock; if something did, the board is still whole.
        self.0.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The board and whether the game runs.
    pub fn snapshot(&self) -> (Life, bool) {
        let now = self.now();
        (now.life.clone(), now.run.is_some())
    }

    /// Ticker tasks alive right now.
    pub fn tickers(&self) -> usize {
        self.0.tickers.load(Ordering::SeqCst)
    }

    /// The board, after reading the saved one the first time.
    pub async fn current(&self, app: &App) -> Result<(Life, bool)> {
        self.load(app).await?;
        Ok(self.snapshot())
    }

    async fn load(&self, app: &App) -> Result<Table<Board>> {
        let boards = app.db().await?.table::<Board>();
        self.0
            .loaded
            .get_or_try_init(|| async {
                let Some(saved) = boards.try_get(1i64).await? else {
                    return Ok::<(), Error>(());
                };
                match Life::parse(&saved.cells) {
                    Some(mut life) if life.width() == SIZE && life.height() == SIZE => {
                        life.set_generation(u64::try_from(saved.generation).unwrap_or(0));
                        self.now().life = life;
                    }
                    _ => eprintln!("game of life: the saved board is not {SIZE}x{SIZE}; ignored"),
                }
                Ok(())
            })
            .await?;
        Ok(boards)
    }

    /// Flips the cell at column `x`, row `y` for everyone.
    pub async fn toggle(&self, app: &App, x: usize, y: usize) -> Result<()> {
        let boards = self.load(app).await?;
        if !self.now().life.toggle(x, y) {
            return Err(Error::bad_request(format!(
                "there is no cell ({x}, {y}) on a {SIZE}x{SIZE} board"
            )));
        }
        self.show(&app.hub(), Some(&boards)).await
    }

    /// Starts the game (starting the ticker unless it already runs).
    pub async fn run(&self, app: &App) -> Result<()> {
        let boards = self.load(app).await?;
        {
            let mut now = self.now();
            if now.run.is_none() {
                now.runs += 1;
                let (stop, stopped) = oneshot::channel();
                let number = now.runs;
                now.run = Some(Run {
                    number,
                    _stop: stop,
                });
                let alive = TickerAlive::new(&self.0);
                let ticker = self.clone().tick(number, stopped, app.hub(), boards, alive);
                ft_web::actix_web::rt::spawn(ticker);
            }
        }
        self.show(&app.hub(), None).await
    }

    /// Stops the game; the ticker ends.
    pub async fn pause(&self, app: &App) -> Result<()> {
        self.load(app).await?;
        self.now().run = None;
        self.show(&app.hub(), None).await
    }

    /// Stops the game and kills every cell.
    pub async fn reset(&self, app: &App) -> Result<()> {
        let boards = self.load(app).await?;
        {
            let mut now = self.now();
            now.run = None;
            now.life.clear();
        }
        self.show(&app.hub(), Some(&boards)).await
    }

    /// A player's socket joins the game: everyone sees the board and the new player count.
    pub async fn join(&self, app: &App, send: &WsSend) -> Result<()> {
        self.load(app).await?;
        let hub = app.hub();
        hub.join(ROOM, send);
        self.show(&hub, None).await
    }

    /// A player left (the hub has already taken the socket out of the room).
    pub async fn left(&self, app: &App) -> Result<()> {
        self.show(&app.hub(), None).await
    }

    /// Sends the board to every player, and saves it when it changed.
    async fn show(&self, hub: &Hub, save: Option<&Table<Board>>) -> Result<()> {
        let _turn = self.0.turn.lock().await;
        let (life, running) = self.snapshot();
        let view = super::board_view(&life, running, hub.local_members(ROOM));
        hub.publish(ROOM, view).await?;
        if let Some(boards) = save {
            let generation = i64::try_from(life.generation()).unwrap_or(i64::MAX);
            let board = Board {
                id: 1,
                cells: life.to_text(),
                generation,
            };
            // `upsert` only updates an auto-id table's rows by their key; the one board row
            // is written with its fixed key the first time.
            match boards.upsert(&board).await {
                Err(ft_web::data::Error::NotFound) => {
                    boards.insert_with_key(&board).await?;
                }
                other => {
                    other?;
                }
            }
        }
        Ok(())
    }

    /// The ticker: a generation every period while run `number` lasts. It ends when the game
    /// is paused or reset (the `stop` sender is dropped), and on server shutdown. While no
    /// player is connected the board holds still, as in FastHTML's example.
    async fn tick(
        self,
        number: u64,
        mut stop: oneshot::Receiver<()>,
        hub: Hub,
        boards: Table<Board>,
        _alive: TickerAlive,
    ) {
        let mut shutdown = signal_shutdown();
        loop {
            tokio::select! {
                _ = &mut stop => break,
                _ = shutdown.wait() => break,
                _ = tokio::time::sleep(self.0.period) => {}
            }
            if hub.local_members(ROOM) == 0 {
                continue;
            }
            {
                let mut now = self.now();
                // Paused (and maybe started again) since the sleep began: this run is over.
                if now.run.as_ref().map(|r| r.number) != Some(number) {
                    break;
                }
                now.life.step();
            }
            if let Err(e) = self.show(&hub, Some(&boards)).await {
                eprintln!("game of life: {}", e.message());
            }
        }
    }
}

/// Counts a ticker task as alive from its spawning until it is dropped (ended, or cancelled
/// with its worker).
struct TickerAlive(Arc<Inner>);

impl TickerAlive {
    fn new(inner: &Arc<Inner>) -> TickerAlive {
        inner.tickers.fetch_add(1, Ordering::SeqCst);
        TickerAlive(inner.clone())
    }
}

impl Drop for TickerAlive {
    fn drop(&mut self) {
        self.0.tickers.fetch_sub(1, Ordering::SeqCst);
    }
}
