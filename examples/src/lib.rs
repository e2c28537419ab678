//! ft example apps.
