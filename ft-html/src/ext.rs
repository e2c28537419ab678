//! [`Ext`]: a node that renders as nothing and carries a value for the layer above — how
//! ft-web lets a handler return headers, cookies or redirects inside its content, the way
//! FastHTML takes `HttpHeader` items out of a returned tuple.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

/// An extension node's value.
///
/// ```
/// use ft_html::{Ext, Ft};
/// let node = Ft::Ext(Ext::new(42u32));
/// assert_eq!(node.render(), "");
/// let Ft::Ext(ext) = &node else { unreachable!() };
/// assert_eq!(ext.downcast_ref::<u32>(), Some(&42));
/// ```
#[derive(Clone)]
pub struct Ext(Arc<dyn Any + Send + Sync>);

impl Ext {
    /// Wraps a value.
    pub fn new(value: impl Any + Send + Sync) -> Ext {
        Ext(Arc::new(value))
    }
    /// The value, if it is a `T`.
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        self.0.downcast_ref::<T>()
    }
}

impl fmt::Debug for Ext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ext(..)")
    }
}

impl PartialEq for Ext {
    /// The same value (not merely an equal one).
    fn eq(&self, other: &Ext) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
