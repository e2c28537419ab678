//! ft-data: arrives with its issue.
