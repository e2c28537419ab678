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
    /// A collection for PostgreSQL's rows, handed over one at a time (`cap`: the rows
    /// expected, at most).
    #[cfg(feature = "postgres")]
    fn pg(&self, cap: usize) -> Box<dyn RowSink + '_>;
}

/// Rows handed over one at a time (PostgreSQL's stream), collected into a boxed result.
#[cfg(feature = "postgres")]
pub(crate) trait RowSink: Send {
    /// Decodes and keeps a row; `false` when no more are wanted.
    fn push(&mut self, row: &tokio_postgres::Row) -> Result<bool>;
    /// What was collected.
    fn finish(self: Box<Self>) -> Out;
}

/// A [`RowSink`] of `D`'s rows into a `C`.
#[cfg(feature = "postgres")]
struct PgRows<'a, D, C> {
    decode: &'a D,
    out: C,
}

#[cfg(feature = "postgres")]
impl<D: Decode, C: Collect<D::Out>> RowSink for PgRows<'_, D, C> {
    fn push(&mut self, row: &tokio_postgres::Row) -> Result<bool> {
        let v = crate::pg::decode_row(self.decode, row)?;
        Ok(self.out.push(v))
    }

    fn finish(self: Box<Self>) -> Out {
        boxed(self.out)
    }
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
    fn pg(&self, cap: usize) -> Box<dyn RowSink + '_> {
        Box::new(PgRows {
            decode: &self.0,
            out: C::with_capacity(cap),
        })
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
