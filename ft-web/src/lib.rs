//! ft-web: arrives with its issue.
pub use ft_core::*;
