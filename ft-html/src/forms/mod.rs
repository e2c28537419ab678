//! Forms (SPEC 1J): fill a form's inputs from a value ([`fill_form`]), copy fields between
//! values ([`fill_dataclass`], [`FillFrom`]), and find inputs in a tree ([`find_inputs`]).
//!
//! A value whose fields can be read by name implements [`FormFields`]: maps of strings or
//! JSON values, `serde_json::Value` objects, `(name, value)` lists, and any struct with
//! `#[derive(FormFields)]`.
//!
//! ```
//! use ft_html::prelude::*;
//!
//! #[derive(FormFields)]
//! struct Profile { email: String, age: u32, newsletter: bool }
//!
//! let form = TagForm!(
//!     Input!(name = "email"),
//!     Input!(name = "age", r#type = "number"),
//!     Input!(name = "newsletter", r#type = "checkbox"),
//! );
//! let p = Profile { email: "a@b.c".into(), age: 5, newsletter: true };
//! assert_eq!(
//!     fill_form(&form, &p).render(),
//!     r#"<form><input name="email" value="a@b.c"><input name="age" type="number" value="5"><input name="newsletter" type="checkbox" checked="1"></form>"#
//! );
//! ```
//!
//! # The derive
//!
//! `#[derive(FormFields)]` works on structs with named fields of type `String`, `&str`,
//! `Cow<str>`, `char`, integers, floats, `bool`, `serde_json::Value`, and `Option<T>` /
//! `Vec<T>` of those (anything implementing [`AsField`] and, for [`FillFrom`], [`FromField`]).
//! It implements [`FormFields`], [`FillFrom`] and, to build the struct from a request,
//! [`FromValues`](crate::values::FromValues) (a `Result<T, FieldErrors>` parameter gets the
//! field errors). Attributes (the derive's own docs have an example of each):
//!
//! - `#[form(default)]` on a field: absent from the request, it is `Default::default()`
//!   instead of an error; on the struct: the same for every field;
//! - `#[form(rename = "html-name")]` on a field: the name used in the form;
//! - `#[form(skip)]` on a field: not a form field (its type needs no trait);
//! - `#[form(crate = "path")]` on the struct: where ft-html is, when the crate that uses
//!   the derive depends on neither ft-html nor ft-web directly. By default the generated code
//!   names the one of `::ft_html`, `::ft_web`, `::ft_data` the crate depends on.
//!
//! The derive is called `FormFields`, like the trait it implements, and not `Form`: the
//! `Form!(..)` tag macro already holds that name in the macro namespace, and both are in the
//! prelude.
//!
//! The derive needs a struct with named fields:
//!
//! ```compile_fail
//! #[derive(ft_html::forms::FormFields)]
//! struct Pair(String, u8);
//! ```
//!
//! and every field type must be a form value (or the field marked `#[form(skip)]`):
//!
//! ```compile_fail
//! struct Opaque;
//! #[derive(ft_html::forms::FormFields)]
//! struct P { x: Opaque }
//! ```

mod as_field;
mod fields;
mod fill_form;
mod fill_from;
mod find_inputs;
mod from_field;
pub mod rules;
mod value;

pub use as_field::AsField;
pub use fields::FormFields;
pub use fill_form::fill_form;
pub use fill_from::{FillFrom, fill_dataclass};
pub use find_inputs::find_inputs;
pub use from_field::FromField;
pub use value::FieldValue;

pub use crate::values::FieldErrors;

/// A form parameter that was checked: `Ok` with the valid value, or `Err` with every error at
/// once (values that do not parse and broken rules, per field) and every value as it was
/// submitted, to show the form again with `fill_form(&form, &errors)`.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::values::{FromValues, MapSource, Source};
///
/// #[derive(FormFields, Debug)]
/// struct Signup {
///     #[form(min_len = 3)]
///     name: String,
///     #[form(min = 18)]
///     age: u8,
/// }
///
/// let sent = MapSource::new(Source::Body, [("name", "al"), ("age", "x")]);
/// let errors = Valid::<Signup>::from_values(&sent, "signup").unwrap().unwrap_err();
/// assert_eq!(errors.get("name"), Some("must be at least 3 characters")); // a rule
/// assert_eq!(errors.get("age"), Some("expected an integer (u8)"));     // a type error, too
/// assert_eq!(errors.value("age"), Some("x"));                          // as typed
/// ```
pub type Valid<T> = Result<T, FieldErrors>;

pub use ft_macros::FormFields;
