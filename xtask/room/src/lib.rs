//! The room: a small web service an instructor runs during a workshop.
//!
//! Learners join once with the room's code and get a token of their own; from then
//! on their runner sends its progress (states, counts and times, never code) after
//! every verdict. The instructor's browser shows the whole room, the longest-stuck
//! learner on top. The model (`room`) knows nothing of HTTP; `api` maps requests onto
//! it, `page` renders the dashboard and `store` keeps the state across restarts.

mod api;
mod limit;
mod page;
mod room;
mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

pub use crate::room::{Outline, Topic, Track};

/// What a room needs to open.
pub struct Config {
    /// The code learners give to join; `None` keeps the saved room's code, or draws one.
    pub code: Option<String>,
    /// The course's topics and exercises, and the track the room works through.
    pub outline: Outline,
    /// Where the room's state is kept between restarts.
    pub state: PathBuf,
    /// The address learners use, shown on the dashboard.
    pub advertised: String,
}

/// How often a changed room is written to its state file. A learner's runner sends
/// its whole progress on every verdict, so an update lost in a crash comes back with
/// the next one; joins are written before they are answered.
const SAVE_EVERY: Duration = Duration::from_secs(1);

/// How long a closing room waits for the requests in flight, which take milliseconds.
/// A connection still open after it is stalled (a client that sent half a request and
/// went silent), and would otherwise keep Ctrl-C from closing the room for good.
const CLOSING_GRACE: Duration = Duration::from_secs(3);

/// Serves the room on `listener` until `shutdown` completes, then saves it.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let saved = store::load(&config.state);
    let code = config
        .code
        .or_else(|| saved.as_ref().map(|saved| saved.code.clone()))
        .unwrap_or_else(room::draw_code);
    // A new code is saved at once, so a room closed before anyone joined opens
    // again with the code already on the whiteboard.
    let new_code = saved.as_ref().is_none_or(|saved| saved.code != code);
    let learners = saved.map(|saved| saved.learners).unwrap_or_default();
    let mut room = room::Room::new(code, config.outline, learners);
    if new_code {
        room.mark_changed();
    }
    let shared = Arc::new(api::Shared::new(room, config.state, config.advertised));

    let saver = tokio::spawn({
        let shared = Arc::clone(&shared);
        async move {
            let mut ticks = tokio::time::interval(SAVE_EVERY);
            loop {
                ticks.tick().await;
                if let Err(error) = shared.save_if_changed().await {
                    eprintln!("warning: {error:#}");
                }
            }
        }
    });
    let closing = Arc::new(tokio::sync::Notify::new());
    let serving = axum::serve(listener, api::router(Arc::clone(&shared)))
        .with_graceful_shutdown({
            let closing = Arc::clone(&closing);
            async move {
                shutdown.await;
                closing.notify_one();
            }
        })
        .into_future();
    let served = tokio::select! {
        served = serving => served,
        () = async {
            closing.notified().await;
            tokio::time::sleep(CLOSING_GRACE).await;
        } => Ok(()),
    };
    saver.abort();
    shared.save_if_changed().await?;
    served.context("the room's server stopped")
}

/// The room's code, as the server will use it: for printing before it opens.
pub fn code_for(config_code: Option<&str>, state: &std::path::Path) -> String {
    config_code
        .map(str::to_string)
        .or_else(|| store::peek_code(state))
        .unwrap_or_else(room::draw_code)
}

/// A room serving on a thread of its own: for tests and the load test, which drive it
/// with a blocking client.
pub struct Running {
    /// `http://127.0.0.1:<port>`, or whichever address it was started on.
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Running {
    pub fn start(config: Config, address: SocketAddr) -> Result<Running> {
        let listener =
            std::net::TcpListener::bind(address).with_context(|| format!("binding {address}"))?;
        listener.set_nonblocking(true)?;
        let url = format!("http://{}", listener.local_addr()?);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                serve(listener, config, async {
                    let _ = stopped.await;
                })
                .await
            })
        });
        Ok(Running {
            url,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Stops the server the way Ctrl-C does, state saved, and says how it ended.
    pub fn stop(mut self) -> Result<()> {
        self.shut()
    }

    fn shut(&mut self) -> Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .map_err(|_| anyhow::anyhow!("the room's thread panicked"))?,
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.shut();
    }
}
