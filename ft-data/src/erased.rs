//! The row type erased where a statement goes to a backend.
//!
//! A generic `async fn` is compiled again for every row type it is used with, and with it
//! everything it awaits: for an app with forty tables, forty copies of the path from a table
//! handle to the database and of tokio's blocking task, rebuilt into the app crate on every
//! edit. So the path is generic only at its two ends: what a row becomes ([`Sink`], decoding
//! straight from the backend's buffer into the struct's fields as before) and the caller's
//! result ([`unbox`], [`Fetch`]). Everything between, awaits included, is compiled once. The
//! price is a box for the decoder, one for the result and one for the future per statement.

use crate::decode::{Collect, Decode};
use crate::sql::Args;
use crate::{Error, Result};
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A statement's result, boxed.
pub(crate) type Out = Box<dyn Any + Send>;

pub(crate) fn boxed<R: Send + 'static>(r: R) -> Out {
    Box::new(r)
}

/// The result the generic end boxed, back in its type.
pub(crate) fn unbox<R: 'static>(out: Out) -> Result<R> {
    match out.downcast::<R>() {
        Ok(r) => Ok(*r),
        // Each `Out` is made by the `Sink` or job its caller built for `R`: not reachable.
        Err(_) => Err(Error::Database(
            "database task answered another type".into(),
        )),
    }
}

/// What a statement's rows become, for either backend: a decoder and the collection it fills.
pub(crate) trait Sink: Send + Sync {
    /// Runs the statement on a SQLite connection and collects its rows.
    fn sqlite(&self, c: &rusqlite::Connection, sql: &str, args: &Args, cap: usize) -> Result<Out>;
    /// Collects PostgreSQL's rows.
    #[cfg(feature = "postgres")]
    fn pg(&self, rows: &[tokio_postgres::Row]) -> Result<Out>;
}

/// A [`Sink`] of `D`'s rows into a `C`.
pub(crate) struct Typed<D, C>(D, PhantomData<fn() -> C>);

impl<D, C> Typed<D, C> {
    pub(crate) fn new(decode: D) -> Self {
        Typed(decode, PhantomData)
    }
}

impl<D: Decode, C: Collect<D::Out>> Sink for Typed<D, C> {
    fn sqlite(&self, c: &rusqlite::Connection, sql: &str, args: &Args, cap: usize) -> Result<Out> {
        crate::sqlite::query::<D, C>(c, sql, args, cap, &self.0).map(boxed)
    }

    #[cfg(feature = "postgres")]
    fn pg(&self, rows: &[tokio_postgres::Row]) -> Result<Out> {
        crate::pg::decode_rows::<D, C>(rows, &self.0).map(boxed)
    }
}

/// A statement on its way to the backend, its result given back as a `C`: a future whose
/// only generic code is this `poll` (an `async fn` generic over `C` would be a state machine
/// per row type).
pub(crate) struct Fetch<'a, C> {
    fut: Pin<Box<dyn Future<Output = Result<Out>> + Send + 'a>>,
    _c: PhantomData<fn() -> C>,
}

impl<'a, C> Fetch<'a, C> {
    pub(crate) fn new(fut: impl Future<Output = Result<Out>> + Send + 'a) -> Self {
        Fetch {
            fut: Box::pin(fut),
            _c: PhantomData,
        }
    }
}

impl<C: 'static> Future for Fetch<'_, C> {
    type Output = Result<C>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<C>> {
        self.fut.as_mut().poll(cx).map(|r| r.and_then(unbox))
    }
}
