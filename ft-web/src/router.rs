//! ft's router: which route a request path names. Built once per app, from the routes in
//! registration order (and the static folders after them).
//!
//! Served apps (`serve()`, `serve_on()`, the test `Client`) route through it as the actix app's
//! default service. Actix would match each path with parameters by running a regex-lite
//! PikeVM with captures, about 7,000 instructions for `/items/42`; here a path without
//! parameters is a string compare and a pattern is the same regex, built the way actix-router
//! builds it, run by the `regex` crate (a one-pass DFA for route patterns). The results are
//! actix's: the first path that matches wins, another method on it is a 405 with `Allow`, a
//! GET route also answers HEAD, and the parameters are in `HttpRequest::match_info()`.
//! (Custom convertors are `regex` patterns, so `\d` or `\w` in one match Unicode digits and
//! letters, where regex-lite's are ASCII.) A route's template is parsed once into a
//! [`Pattern`], which the matcher, the CSRF exemption and `FastApp::configure` (one actix
//! service in front of this same router) all use.

use crate::route::{Handler, Method, RouteDef};
use actix_web::http::Method as HttpMethod;

/// A route template parsed once (`/items/{id:int}` is the literal `/items/` and the parameter
/// `id` of kind [`Kind::Int`]), with FastHTML's convertors (SPEC 2.18-2.21).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern(Vec<Part>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Param(String, Kind),
}

/// What a parameter matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `{name}`, `{name:str}` or an unknown convertor: any segment, empty included.
    Str,
    /// `{name:int}`: ASCII digits.
    Int,
    /// `{name:float}`: digits with an optional fraction.
    Float,
    /// `{name:path}`: anything, slashes included (as little as the rest allows).
    Path,
    /// `{name:uuid}`.
    Uuid,
    /// `{name:static}`: one of [`STATIC_EXTS`](crate::STATIC_EXTS).
    Static,
    /// An app's convertor (`.convertor(name, regex)`) or a static folder's: its regex.
    Regex(String),
}

impl Kind {
    fn regex(&self) -> String {
        match self {
            Kind::Str => "[^/]*".to_owned(),
            Kind::Int => "[0-9]+".to_owned(),
            Kind::Float => r"[0-9]+(?:\.[0-9]+)?".to_owned(),
            Kind::Path => ".*?".to_owned(),
            Kind::Uuid => {
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                    .to_owned()
            }
            Kind::Static => crate::static_files::STATIC_EXTS.join("|"),
            Kind::Regex(re) => re.clone(),
        }
    }
}

impl Pattern {
    /// Parses a route template (`/items/{id:int}`, `/{fname:path}.{ext:static}`); `custom`
    /// are the app's convertors. A `{` without its `}` is kept as text (and refused by
    /// [`Router::new`]).
    pub(crate) fn parse(template: &str, custom: &[(String, String)]) -> Pattern {
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_owned()));
            }
            let inner = &rest[open + 1..open + close];
            let (name, conv) = inner.split_once(':').unwrap_or((inner, "str"));
            let kind = match conv {
                "str" => Kind::Str,
                "int" => Kind::Int,
                "float" => Kind::Float,
                "path" => Kind::Path,
                "uuid" => Kind::Uuid,
                "static" => Kind::Static,
                other => custom
                    .iter()
                    .find(|(n, _)| n == other)
                    .map_or(Kind::Str, |(_, re)| Kind::Regex(re.clone())),
            };
            parts.push(Part::Param(name.to_owned(), kind));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Pattern(parts)
    }

    /// A static folder's pattern: `{prefix}{fname:.+}`, then `.{ext:a|b}` when only some
    /// extensions are served.
    pub(crate) fn static_folder(prefix: &str, exts: Option<&[String]>) -> Pattern {
        let mut parts = vec![
            Part::Literal(prefix.to_owned()),
            Part::Param("fname".to_owned(), Kind::Regex(".+".to_owned())),
        ];
        if let Some(exts) = exts {
            let alts: Vec<String> = exts.iter().map(|e| regex::escape(e)).collect();
            parts.push(Part::Literal(".".to_owned()));
            parts.push(Part::Param("ext".to_owned(), Kind::Regex(alts.join("|"))));
        }
        Pattern(parts)
    }

    /// The pattern in actix's syntax (`/items/{id:[0-9]+}`), for actix's URL generation.
    pub(crate) fn actix(&self) -> String {
        let mut out = String::new();
        for part in &self.0 {
            match part {
                Part::Literal(l) => out.push_str(l),
                Part::Param(name, kind) => {
                    out.push('{');
                    out.push_str(name);
                    out.push(':');
                    out.push_str(&kind.regex());
                    out.push('}');
                }
            }
        }
        out
    }
}

/// What dispatch needs to know about the route a request matched, worked out once here.
#[derive(Clone, Copy)]
pub(crate) struct Target {
    pub(crate) handler: Handler,
    /// Exempt from the CSRF check by `.csrf_exempt(route)`.
    pub(crate) csrf_exempt: bool,
}

/// One path and what answers it.
pub(crate) struct PathRoutes {
    /// The path's pattern.
    pub(crate) pattern: Pattern,
    /// The name of its first route (for actix's resource name).
    pub(crate) name: &'static str,
    /// Each method with its target; HEAD is listed when a GET implies it.
    pub(crate) methods: Vec<(HttpMethod, Target)>,
    /// The `Allow` header of a 405 here.
    pub(crate) allow: String,
    /// A route of the app (not a static folder): trailing-slash twins redirect to these.
    pub(crate) app_route: bool,
}

impl PathRoutes {
    pub(crate) fn target(&self, method: &HttpMethod) -> Option<Target> {
        self.methods
            .iter()
            .find(|(m, _)| m == method)
            .map(|(_, t)| *t)
    }
}

/// One method of a path: its handler and route name.
type MethodRoute = (Method, Handler, &'static str);

enum Matcher {
    /// A path without parameters.
    Exact(String),
    /// A path whose parameters are whole segments of the built-in `str` or `int` kind
    /// (`/items/{id}`): compared segment by segment, no regex.
    Segments(Vec<Segment>),
    /// actix's regex for the pattern, and its parameters: group index and name.
    Pattern(regex::Regex, Vec<(usize, &'static str)>),
}

enum Segment {
    Literal(String),
    /// `{name}` (`[^/]*`): any segment, empty included.
    Any(&'static str),
    /// `{name:int}` (`[0-9]+`): ASCII digits.
    Digits(&'static str),
}

/// The app's paths in order, each with its matcher.
pub(crate) struct Router {
    paths: Vec<(Matcher, PathRoutes)>,
}

impl Router {
    /// The table for these routes (the latest registration of a method on a path wins, SPEC
    /// 2.10) and static-folder patterns.
    pub(crate) fn new(
        routes: &[RouteDef],
        convertors: &[(String, String)],
        csrf: &crate::auth::csrf::CsrfConfig,
        static_patterns: Vec<Pattern>,
    ) -> Router {
        let mut by_path: Vec<(&str, Vec<MethodRoute>)> = Vec::new();
        for def in routes {
            let i = match by_path.iter().position(|(p, _)| *p == def.path) {
                Some(i) => i,
                None => {
                    by_path.push((&def.path, Vec::new()));
                    by_path.len() - 1
                }
            };
            let entry = &mut by_path[i].1;
            for m in def.methods {
                entry.retain(|(mm, _, _)| mm != m);
                entry.push((*m, def.handler, def.name));
            }
        }
        let mut paths = Vec::new();
        for (path, methods) in by_path {
            let pattern = Pattern::parse(path, convertors);
            let csrf_exempt = csrf.exempts_route(&pattern, convertors);
            let has_head = methods.iter().any(|(m, _, _)| *m == Method::Head);
            let mut table = Vec::new();
            let mut allow = Vec::new();
            for &(m, handler, _) in &methods {
                let target = Target {
                    handler,
                    csrf_exempt,
                };
                table.push((m.to_actix(), target));
                allow.push(m.to_actix().as_str().to_owned());
                // A GET route also answers HEAD (SPEC 2.15).
                if m == Method::Get && !has_head {
                    table.push((HttpMethod::HEAD, target));
                }
            }
            if table.len() > methods.len() {
                allow.push("HEAD".to_owned());
            }
            let routes = PathRoutes {
                name: methods.first().map_or("", |(_, _, n)| n),
                allow: allow.join(", "),
                methods: table,
                app_route: true,
                pattern,
            };
            paths.push((Matcher::new(&routes.pattern), routes));
        }
        let serve = Target {
            handler: crate::dispatch::serve_static,
            csrf_exempt: false,
        };
        for pattern in static_patterns {
            let routes = PathRoutes {
                name: "",
                methods: vec![(HttpMethod::GET, serve), (HttpMethod::HEAD, serve)],
                allow: "GET, HEAD".to_owned(),
                app_route: false,
                pattern,
            };
            paths.push((Matcher::new(&routes.pattern), routes));
        }
        Router { paths }
    }

    /// The paths in order.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &PathRoutes> {
        self.paths.iter().map(|(_, p)| p)
    }

    /// The first path that matches, with its parameters.
    pub(crate) fn find(&self, path: &str) -> Option<(&PathRoutes, Params)> {
        self.paths
            .iter()
            .find_map(|(m, routes)| m.matches(path).map(|params| (routes, decoded(params))))
    }

    /// Does one of the app's routes (not a static folder) match this path?
    pub(crate) fn has_app_route(&self, path: &str) -> bool {
        self.paths
            .iter()
            .any(|(m, routes)| routes.app_route && m.matches(path).is_some())
    }
}

/// The parameters a path matched: names and values.
pub(crate) type Params = Vec<(&'static str, String)>;

/// The parameters with their percent-escapes decoded, once. The path actix matches keeps
/// `%2F`, `%25` and `%2B` encoded (an encoded `/` never splits a segment), so a typed link's
/// `a%2Fb` is the value `a/b` here.
fn decoded(mut params: Params) -> Params {
    for (_, v) in &mut params {
        if v.contains('%') {
            *v = percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned();
        }
    }
    params
}

/// A parameter name, leaked once per app (actix-router leaks them once per worker).
fn leak(name: &str) -> &'static str {
    Box::leak(name.to_owned().into_boxed_str())
}

impl Matcher {
    fn new(pattern: &Pattern) -> Matcher {
        let unclosed = |l: &String| l.contains('{');
        if pattern
            .0
            .iter()
            .any(|p| matches!(p, Part::Literal(l) if unclosed(l)))
        {
            // actix panics here too, at registration
            panic!("route pattern {:?} has an unclosed `{{`", pattern.actix());
        }
        if !pattern.0.iter().any(|p| matches!(p, Part::Param(..))) {
            return Matcher::Exact(pattern.actix());
        }
        if let Some(segments) = segments_of(pattern) {
            return Matcher::Segments(segments);
        }
        match regex::Regex::new(&regex_of(pattern)) {
            Ok(re) => {
                // Every named group is a parameter, as in actix (a convertor's own too).
                let names = re
                    .capture_names()
                    .enumerate()
                    .filter_map(|(i, n)| n.map(|n| (i, leak(n))))
                    .collect();
                Matcher::Pattern(re, names)
            }
            // actix panics here too, at registration: a convertor that is not a regex
            Err(e) => panic!(
                "route pattern {:?} is not a valid regex: {e}",
                pattern.actix()
            ),
        }
    }

    fn matches(&self, path: &str) -> Option<Params> {
        match self {
            Matcher::Exact(p) => (p == path).then(Vec::new),
            Matcher::Segments(segments) => {
                let fits = |seg: &Segment, part: &str| match seg {
                    Segment::Literal(l) => l == part,
                    Segment::Any(_) => true,
                    Segment::Digits(_) => {
                        !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
                    }
                };
                // Checked first, so a path that does not match costs no allocation.
                let mut parts = path.split('/');
                let all_fit = segments
                    .iter()
                    .all(|seg| parts.next().is_some_and(|part| fits(seg, part)));
                if !all_fit || parts.next().is_some() {
                    return None;
                }
                Some(
                    segments
                        .iter()
                        .zip(path.split('/'))
                        .filter_map(|(seg, part)| match seg {
                            Segment::Any(n) | Segment::Digits(n) => Some((*n, part.to_owned())),
                            Segment::Literal(_) => None,
                        })
                        .collect(),
                )
            }
            Matcher::Pattern(re, names) => {
                let caps = re.captures(path)?;
                Some(
                    names
                        .iter()
                        .filter_map(|&(i, n)| caps.get(i).map(|m| (n, m.as_str().to_owned())))
                        .collect(),
                )
            }
        }
    }
}

/// The segments of a pattern whose parameters are each a whole segment of the `str` or
/// `int` kind; `None` for any other pattern.
fn segments_of(pattern: &Pattern) -> Option<Vec<Segment>> {
    // The parts of each segment: a literal's slashes start new ones.
    let mut owned: Vec<Vec<Part>> = vec![Vec::new()];
    for part in &pattern.0 {
        match part {
            Part::Literal(l) => {
                let mut split = l.split('/');
                if let Some(first) = split.next()
                    && !first.is_empty()
                {
                    owned.last_mut()?.push(Part::Literal(first.to_owned()));
                }
                for piece in split {
                    let mut seg = Vec::new();
                    if !piece.is_empty() {
                        seg.push(Part::Literal(piece.to_owned()));
                    }
                    owned.push(seg);
                }
            }
            param => owned.last_mut()?.push(param.clone()),
        }
    }
    owned
        .into_iter()
        .map(|seg| match seg.as_slice() {
            [] => Some(Segment::Literal(String::new())),
            [Part::Literal(l)] => Some(Segment::Literal(l.clone())),
            [Part::Param(n, Kind::Str)] => Some(Segment::Any(leak(n))),
            [Part::Param(n, Kind::Int)] => Some(Segment::Digits(leak(n))),
            _ => None,
        })
        .collect()
}

/// actix-router's regex for a pattern (`ResourceDef::new`): literals escaped, each parameter
/// as `(?P<name>regex)`, anchored at both ends.
fn regex_of(pattern: &Pattern) -> String {
    let mut re = String::from("((?s-m)^");
    for part in &pattern.0 {
        match part {
            Part::Literal(l) => re.push_str(&regex::escape(l)),
            Part::Param(name, kind) => re.push_str(&format!("(?P<{name}>{})", kind.regex())),
        }
    }
    re.push_str(")$");
    re
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whole-segment `str` and `int` parameters need no regex.
    #[test]
    fn simple_patterns_are_matched_by_segments() {
        for t in ["/items/{id}", "/items/{id:int}/edit", "/r/{a}/{b}/"] {
            let m = Matcher::new(&Pattern::parse(t, &[]));
            assert!(matches!(m, Matcher::Segments(_)), "{t}");
        }
        for t in ["/x{y}z", "/n/{x:float}", "/{fname:path}.{ext:static}"] {
            let m = Matcher::new(&Pattern::parse(t, &[]));
            assert!(matches!(m, Matcher::Pattern(..)), "{t}");
        }
    }

    /// The same answers as actix-router's `ResourceDef` on the patterns ft makes.
    #[test]
    fn matches_as_actix_router_does() {
        let custom = vec![("slug".to_owned(), "[a-z]+(?:-[a-z]+)*".to_owned())];
        let templates = [
            "/",
            "/items/{id}",
            "/items/{id:int}",
            "/n/{x:float}",
            "/u/{u:uuid}",
            "/{fname:path}.{ext:static}",
            "/a/{rest:path}",
            "/post/{s:slug}/edit",
            "/x{y}z",
            "/r/{a}/{b}",
            "/lit.dots/(paren)/{v}",
        ];
        let paths = [
            "/",
            "",
            "/items/42",
            "/items/",
            "/items/4/2",
            "/items/42/",
            "/r/1/2/",
            "/r/1",
            "//",
            "/items/abc",
            "/n/1.5",
            "/n/1.",
            "/u/123e4567-e89b-12d3-a456-426614174000",
            "/u/123",
            "/img/a/b.png",
            "/x.css",
            "/.css",
            "/a/",
            "/a/b/c",
            "/post/hello-world/edit",
            "/post/Hello/edit",
            "/xyz",
            "/xz",
            "/r/1/2",
            "/r//2",
            "/lit.dots/(paren)/v",
            "/litXdots/(paren)/v",
            "/items/%2F",
            "/items/caf%C3%A9",
        ];
        for t in templates {
            let pattern = Pattern::parse(t, &custom).actix();
            let ours = Matcher::new(&Pattern::parse(t, &custom));
            let theirs = actix_web::dev::ResourceDef::new(pattern.as_str());
            for p in paths {
                let mut path = actix_web::dev::Path::new(p);
                let actix = theirs.capture_match_info(&mut path).then(|| {
                    let mut v: Vec<(String, String)> = path
                        .iter()
                        .map(|(k, v)| (k.to_owned(), v.to_owned()))
                        .collect();
                    v.sort();
                    v
                });
                let mine = ours.matches(p).map(|params| {
                    let mut v: Vec<(String, String)> =
                        params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                    v.sort();
                    v
                });
                assert_eq!(mine, actix, "template {t} ({pattern}) on {p:?}");
            }
        }
    }
}
