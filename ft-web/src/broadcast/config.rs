//! [`Broadcast`]: which backend carries an app's messages to its other processes, and on
//! which channel.

use crate::Error;

/// Where published messages travel (chosen by configuration; in-process by default).
///
/// With a backend, each channel has a log there (a Redis stream, a PostgreSQL table) that
/// outlives a backend restart and a process's reconnect: publishes wait in a bounded outbox
/// while the backend is away, and a process reads the log on from its last entry when it is
/// back, so each member gets each message exactly once, within the log's window (Redis: about
/// 20,000 messages; PostgreSQL: five minutes) and the outbox's bound (10,000 messages, a 503
/// beyond). The details, and what is not covered, are in the [module docs](crate::broadcast).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Broadcast {
    /// Only this process's sockets and streams (the default; no backend).
    #[default]
    InProcess,
    /// Every process connected to this PostgreSQL database, through a log table per channel
    /// (`<channel>_log`, made if missing) and `LISTEN/NOTIFY` (cargo feature `postgres`).
    #[cfg(feature = "postgres")]
    Postgres {
        /// `postgres://user@host:port/db`
        url: String,
        /// The `LISTEN` channel (and its log table's name); `None`: the app's own (see the
        /// module docs).
        channel: Option<String>,
    },
    /// Every process connected to this Redis server, through a stream per channel (cargo
    /// feature `redis`).
    #[cfg(feature = "redis")]
    Redis {
        /// `redis://host:port`
        url: String,
        /// The stream's key; `None`: the app's own (see the module docs).
        channel: Option<String>,
    },
}

impl Broadcast {
    /// Fan out through PostgreSQL (a log table and `LISTEN/NOTIFY`), on the app's own channel.
    #[cfg(feature = "postgres")]
    pub fn postgres(url: impl Into<String>) -> Broadcast {
        Broadcast::Postgres {
            url: url.into(),
            channel: None,
        }
    }
    /// Fan out through a Redis stream, on the app's own channel.
    #[cfg(feature = "redis")]
    pub fn redis(url: impl Into<String>) -> Broadcast {
        Broadcast::Redis {
            url: url.into(),
            channel: None,
        }
    }
    /// The backend a URL names: `postgres://`/`postgresql://`, `redis://`/`rediss://`; an
    /// empty URL is in-process. A backend whose cargo feature this build lacks is an error
    /// that names the feature.
    pub fn from_url(url: &str) -> Result<Broadcast, Error> {
        let url = url.trim();
        #[cfg(not(all(feature = "postgres", feature = "redis")))]
        let missing = |feature: &str| -> Result<Broadcast, Error> {
            Err(Error::internal(format!(
                "broadcast URL {url:?}: this build of ft-web has no {feature} backend \
                 (enable ft-web's `{feature}` cargo feature)"
            )))
        };
        if url.is_empty() {
            Ok(Broadcast::InProcess)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            #[cfg(feature = "postgres")]
            return Ok(Broadcast::postgres(url));
            #[cfg(not(feature = "postgres"))]
            return missing("postgres");
        } else if url.starts_with("redis://") || url.starts_with("rediss://") {
            #[cfg(feature = "redis")]
            return Ok(Broadcast::redis(url));
            #[cfg(not(feature = "redis"))]
            return missing("redis");
        } else {
            Err(Error::internal(format!(
                "broadcast URL {url:?}: expected postgres://.. or redis://.."
            )))
        }
    }
    /// `FT_BROADCAST_URL` from the environment (in-process when unset; a URL of another
    /// scheme is reported and ignored).
    pub fn from_env() -> Broadcast {
        match std::env::var("FT_BROADCAST_URL") {
            Ok(u) => Broadcast::from_url(&u).unwrap_or_else(|e| {
                tracing::warn!("FT_BROADCAST_URL ignored: {}", e.message());
                Broadcast::InProcess
            }),
            Err(_) => Broadcast::InProcess,
        }
    }
    /// The channel by name instead of the app's own (derived from its secret). Processes
    /// hear each other on it only if they share the secret too: an app's messages are sealed
    /// with it (see [`Hub::with_secret`](crate::Hub::with_secret) for a worker).
    ///
    /// ```
    /// # #[cfg(feature = "redis")] {
    /// use ft_web::Broadcast;
    /// let b = Broadcast::redis("redis://127.0.0.1:6379").channel("shop_events");
    /// assert_eq!(b.channel_name(), Some("shop_events"));
    /// # }
    /// ```
    pub fn channel(self, name: impl Into<String>) -> Broadcast {
        self.with_channel(Some(name.into()))
    }
    /// The channel named with [`Broadcast::channel`], if any.
    pub fn channel_name(&self) -> Option<&str> {
        match self {
            Broadcast::InProcess => None,
            #[cfg(feature = "postgres")]
            Broadcast::Postgres { channel, .. } => channel.as_deref(),
            #[cfg(feature = "redis")]
            Broadcast::Redis { channel, .. } => channel.as_deref(),
        }
    }
    fn with_channel(self, name: Option<String>) -> Broadcast {
        match self {
            Broadcast::InProcess => {
                let _ = name;
                Broadcast::InProcess
            }
            #[cfg(feature = "postgres")]
            Broadcast::Postgres { url, .. } => Broadcast::Postgres { url, channel: name },
            #[cfg(feature = "redis")]
            Broadcast::Redis { url, .. } => Broadcast::Redis { url, channel: name },
        }
    }
    /// This configuration with `channel` where none was named.
    pub(crate) fn or_channel(self, channel: impl FnOnce() -> String) -> Broadcast {
        if self.channel_name().is_some() || self == Broadcast::InProcess {
            return self;
        }
        self.with_channel(Some(channel()))
    }
    /// `"in-process"`, `"postgres"` or `"redis"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Broadcast::InProcess => "in-process",
            #[cfg(feature = "postgres")]
            Broadcast::Postgres { .. } => "postgres",
            #[cfg(feature = "redis")]
            Broadcast::Redis { .. } => "redis",
        }
    }
}
