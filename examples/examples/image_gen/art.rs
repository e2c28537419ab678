//! The app's "model": a prompt becomes a picture, locally and deterministically (FastHTML's
//! example calls a text-to-image model on Replicate; nothing outside this machine is reachable
//! here). The same prompt, up to case, punctuation and spacing, always gives the same SVG: a
//! sky, a sun or a moon (and stars at night), and three mountain ridges, with the colours
//! steered by colour words in the prompt ("a red fox", "ocean at night"). The picture is built
//! with ft's own SVG components, and the prompt's text never appears in it.

use ft_web::prelude::*;
use ft_web::svg::{Circle, Path, Rect, Svg};

/// Width and height of a picture, in SVG units.
pub const SIZE: i64 = 512;

/// Words that choose the picture's hue (degrees on the colour wheel).
const HUES: &[(&str, i64)] = &[
    ("red", 0),
    ("fire", 12),
    ("orange", 30),
    ("autumn", 30),
    ("desert", 40),
    ("sunset", 20),
    ("gold", 45),
    ("yellow", 52),
    ("green", 120),
    ("forest", 130),
    ("grass", 105),
    ("teal", 175),
    ("ice", 190),
    ("ocean", 205),
    ("sea", 205),
    ("blue", 215),
    ("purple", 275),
    ("violet", 270),
    ("pink", 325),
    ("rose", 340),
];

/// Words that make it a night scene: a dark sky, a moon and stars.
const NIGHT: &[&str] = &[
    "night", "moon", "star", "stars", "space", "dark", "midnight",
];

/// The prompt as the generator reads it: lower-case words without punctuation.
fn words(prompt: &str) -> Vec<String> {
    prompt
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// FNV-1a: a stable 64-bit hash (std's hasher may change between Rust releases).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64: a small, well-mixed generator seeded by the prompt.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `lo..hi` (`hi > lo`).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo) as u64) as i64
    }
}

fn hsl(hue: i64, sat: i64, light: i64) -> String {
    format!("hsl({}, {sat}%, {light}%)", hue.rem_euclid(360))
}

/// The SVG picture for `prompt`.
pub fn generate(prompt: &str) -> String {
    let words = words(prompt);
    let mut rng = Rng(fnv1a(&words.join(" ")));
    let hue = words
        .iter()
        .find_map(|w| HUES.iter().find(|(k, _)| k == w).map(|&(_, h)| h))
        .unwrap_or_else(|| rng.range(0, 360));
    let night = words.iter().any(|w| NIGHT.contains(&w.as_str()));

    let (sky_top, sky_bottom) = if night {
        (hsl(230, 50, 8), hsl(hue, 40, 25))
    } else {
        (hsl(hue + 190, 60, 72), hsl(hue, 85, 82))
    };
    let sky = LinearGradient!(
        Stop!(offset = "0", stop_color = sky_top),
        Stop!(offset = "1", stop_color = sky_bottom),
        id = "sky",
        x1 = 0,
        y1 = 0,
        x2 = 0,
        y2 = 1
    );

    let stars: Vec<Ft> = if night {
        (0..40)
            .map(|_| {
                Circle!(
                    rng.range(1, 3),
                    cx = rng.range(0, SIZE),
                    cy = rng.range(0, SIZE * 3 / 5),
                    fill = "white",
                    opacity = format!("0.{}", rng.range(4, 10))
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let body_fill = if night {
        "#f4f1de".to_string()
    } else {
        hsl(hue + 30, 95, 62)
    };
    let body = Circle!(
        rng.range(30, 70),
        cx = rng.range(80, SIZE - 80),
        cy = rng.range(70, 210),
        fill = body_fill
    );

    let ridges: Vec<Ft> = (0..3)
        .map(|layer| {
            let base = 250 + layer * 75 + rng.range(-20, 20);
            let amplitude = 90 - layer * 25;
            let light = 48 - layer * 14;
            let light = if night { light / 2 } else { light };
            let mut path = Path!(fill = hsl(hue + layer * 12, 30 + layer * 10, light))
                .M(0, SIZE)
                .L(0, base + rng.range(-amplitude, amplitude) / 2);
            for x in (32..=SIZE).step_by(32) {
                path = path.L(x, base + rng.range(-amplitude, amplitude) / 2);
            }
            path.L(SIZE, SIZE).Z().into_ft()
        })
        .collect();

    Svg!(
        Defs!(sky),
        Rect!(SIZE, SIZE, fill = "url(#sky)"),
        stars,
        body,
        ridges,
        w = SIZE,
        h = SIZE
    )
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_prompt_gives_the_same_picture() {
        assert_eq!(generate("a red fox"), generate("a red fox"));
        // Case, punctuation and spacing do not change what the prompt asks for.
        assert_eq!(generate("A  red fox!"), generate("a red fox"));
        assert_ne!(generate("a red fox"), generate("a red cat"));
    }

    #[test]
    fn it_is_a_standalone_svg_document() {
        let svg = generate("mountains");
        assert!(
            svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512""#),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("<linearGradient"), "{svg}");
        assert_eq!(svg.matches("<path").count(), 3, "three ridges: {svg}");
    }

    #[test]
    fn colour_words_steer_the_palette() {
        // The nearest ridge is drawn in the prompt's hue + 24 degrees.
        assert!(generate("a red fox").contains("hsl(24, 50%"));
        assert!(generate("the ocean").contains("hsl(229, 50%"));
        assert!(!generate("the ocean").contains("hsl(24, 50%"));
    }

    #[test]
    fn night_words_draw_stars() {
        let circles = |p: &str| generate(p).matches("<circle").count();
        assert_eq!(circles("a quiet valley"), 1, "just the sun");
        assert_eq!(
            circles("a quiet valley at night"),
            41,
            "the moon and 40 stars"
        );
    }

    #[test]
    fn the_prompt_text_never_reaches_the_svg() {
        let svg = generate(r#"<script>alert("x")</script> & "quotes""#);
        assert!(!svg.contains("script") && !svg.contains("alert") && !svg.contains("quotes"));
        // An empty or symbol-only prompt still draws.
        assert!(generate("").starts_with("<svg"));
        assert!(generate("?!").starts_with("<svg"));
    }
}
