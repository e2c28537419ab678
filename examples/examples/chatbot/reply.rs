//! The local reply generator that stands in for FastHTML's LLM client (claudette): a few
//! rules in the spirit of ELIZA. Deterministic — the same conversation always gets the same
//! replies — and it never leaves the machine.
//!
//! It does small arithmetic (`what is 6 * 7`), remembers a name (`my name is Ann`, then
//! `what is my name`), recalls what you said, answers greetings, thanks and goodbyes, knows a
//! line about each technology of this example, and otherwise reflects your words back.

/// Who said something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    User,
    Assistant,
}

/// What the user asked, with the conversation before it (oldest first).
pub fn reply(history: &[(Role, &str)], msg: &str) -> String {
    let msg = msg.trim();
    let lower = msg.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let name = known_name(history);
    let hello = |greeting: &str| match &name {
        Some(n) => format!("{greeting}, {n}!"),
        None => format!("{greeting}!"),
    };

    if words.is_empty() {
        return "I only see punctuation there. Try asking me something, like \"what is 12 * 7\"."
            .into();
    }
    if let Some(answer) = arithmetic(&lower) {
        return answer;
    }
    if let Some(new_name) = name_in(msg) {
        return format!(
            "Nice to meet you, {new_name}! I will remember your name for the rest of this \
             conversation."
        );
    }
    if lower.contains("my name") || lower.contains("who am i") {
        return match &name {
            Some(n) => format!("You told me your name is {n}."),
            None => "You have not told me your name yet. Say \"my name is ...\" and I will \
                     remember it."
                .into(),
        };
    }
    if lower.contains("what did i say") || lower.contains("what did i ask") {
        let before = history.iter().rev().find(|(r, _)| *r == Role::User);
        return match before {
            Some((_, text)) => format!("Just before this you said: \"{}\".", text.trim()),
            None => "This is the first thing you said to me.".into(),
        };
    }
    if lower.contains("who are you")
        || lower.contains("what are you")
        || lower.contains("your name")
    {
        return "I am the ft example chatbot: a handful of rules written in Rust. No language \
                model and no network: every reply is made on this server and streamed to you \
                word by word over a websocket."
            .into();
    }
    if lower.contains("how are you") {
        return format!(
            "{} I am a few hundred lines of Rust, so I am always fine. How are you?",
            hello("Thanks for asking")
        );
    }
    let first = words[0];
    if matches!(
        first,
        "hello" | "hi" | "hey" | "hiya" | "greetings" | "howdy"
    ) || lower.starts_with("good morning")
        || lower.starts_with("good evening")
    {
        return format!("{} How can I help you today?", hello("Hello"));
    }
    if words
        .iter()
        .any(|w| matches!(*w, "thanks" | "thank" | "thx"))
    {
        return "You are welcome! Ask me anything else whenever you like.".into();
    }
    if words
        .iter()
        .any(|w| matches!(*w, "bye" | "goodbye" | "farewell"))
    {
        return format!(
            "{} This conversation stays here if you come back.",
            hello("Goodbye")
        );
    }
    if let Some(fact) = TOPICS
        .iter()
        .find(|(keys, _)| keys.iter().any(|k| words.contains(k)))
        .map(|(_, fact)| *fact)
    {
        return fact.into();
    }
    if let Some(feeling) = feeling(&lower) {
        return format!(
            "Why do you feel {}? Tell me more about it.",
            reflect(feeling)
        );
    }
    let n = history.len() + msg.len();
    if msg.ends_with('?') {
        return QUESTIONS[n % QUESTIONS.len()].into();
    }
    let tail: Vec<&str> = words.iter().rev().take(4).rev().copied().collect();
    let echo = reflect(&tail.join(" "));
    match n % 3 {
        0 => format!("Tell me more about {echo}."),
        1 => format!("Interesting. What makes you say that about {echo}?"),
        _ => format!("I see. How does {echo} make you feel?"),
    }
}

/// What each technology of this example is, by the words that name it.
const TOPICS: &[(&[&str], &str)] = &[
    (
        &["htmx"],
        "htmx lets HTML do the talking: attributes such as hx-post and ws-send make requests \
         and swap the HTML the server answers into the page, with no JavaScript of your own.",
    ),
    (
        &[
            "websocket",
            "websockets",
            "socket",
            "stream",
            "streaming",
            "streamed",
        ],
        "This reply travels over a websocket: the server sends each word as a small HTML \
         fragment, and the htmx ws extension appends it to the chat bubble.",
    ),
    (
        &["rust"],
        "Rust gives this app its speed and its checks: a link to a route with the wrong \
         parameter type does not even compile.",
    ),
    (
        &["fasthtml", "python"],
        "FastHTML is the Python library this app is ported from; ft keeps its ideas (HTML as \
         code, htmx, a tiny database API) and brings them to Rust.",
    ),
    (
        &["ft"],
        "ft is FastHTML for Rust: components are macros such as Div!, routes are functions \
         with #[get] or #[post], and the whole app is one binary.",
    ),
    (
        &["sqlite", "database", "saved", "history"],
        "Every message of this conversation is saved in a SQLite file, so a reload shows the \
         whole conversation again.",
    ),
    (
        &["daisyui", "tailwind", "css", "bubble", "bubbles"],
        "The chat bubbles are DaisyUI's chat component, served by this app from a copy of the \
         npm package, so the page works offline.",
    ),
];

const QUESTIONS: &[&str] = &[
    "Good question! I am only a small rule-based bot, but I can do arithmetic (try \"what is 6 * 7\"), remember your name, and tell you about htmx, websockets, Rust, FastHTML, SQLite and DaisyUI.",
    "I wish I knew. My rules cover sums, names, and the technologies behind this page; ask me about htmx or websockets, for instance.",
    "That is beyond my few rules, I am afraid. What made you wonder about it?",
];

/// The name in "my name is X" / "call me X", capitalised.
fn name_in(msg: &str) -> Option<String> {
    let lower = msg.to_lowercase();
    let at = ["my name is ", "call me "]
        .iter()
        .find_map(|p| lower.find(p).map(|i| i + p.len()))?;
    // Lower-casing keeps byte offsets for ASCII prefixes; take the word from the original.
    let word: String = msg
        .get(at..)?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
        .collect();
    let mut chars = word.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// The last name the user gave in the conversation.
fn known_name(history: &[(Role, &str)]) -> Option<String> {
    history
        .iter()
        .rev()
        .filter(|(r, _)| *r == Role::User)
        .find_map(|(_, text)| name_in(text))
}

/// "I feel X" / "I am X" / "I'm X": the X.
fn feeling(lower: &str) -> Option<&str> {
    ["i feel ", "i am ", "i'm "].iter().find_map(|p| {
        let start = if lower.starts_with(p) {
            p.len()
        } else {
            lower.find(&format!(" {p}"))? + p.len() + 1
        };
        let rest = lower[start..].trim_end_matches(['.', '!', '?']).trim();
        (!rest.is_empty()).then_some(rest)
    })
}

/// Turns the user's words around: "my exam" -> "your exam".
fn reflect(text: &str) -> String {
    text.split_whitespace()
        .map(|w| match w {
            "i" => "you",
            "me" => "you",
            "my" => "your",
            "mine" => "yours",
            "am" => "are",
            "i'm" => "you're",
            "myself" => "yourself",
            "you" => "I",
            "your" => "my",
            "yours" => "mine",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `12 * 7`, `3+4`, `10 / 4`, `2 x 8`: the first "number operator number" in the text.
fn arithmetic(lower: &str) -> Option<String> {
    let s: Vec<char> = lower.chars().collect();
    let number = |mut i: usize| -> Option<(f64, usize)> {
        let start = i;
        if i < s.len() && s[i] == '-' {
            i += 1;
        }
        while i < s.len() && (s[i].is_ascii_digit() || s[i] == '.') {
            i += 1;
        }
        let text: String = s[start..i].iter().collect();
        text.parse().ok().map(|v| (v, i))
    };
    let skip_spaces = |mut i: usize| {
        while i < s.len() && s[i] == ' ' {
            i += 1;
        }
        i
    };
    for start in 0..s.len() {
        if !s[start].is_ascii_digit() || (start > 0 && s[start - 1].is_ascii_digit()) {
            continue;
        }
        let begin = if start > 0 && s[start - 1] == '-' {
            start - 1
        } else {
            start
        };
        let Some((a, after_a)) = number(begin) else {
            continue;
        };
        let op_at = skip_spaces(after_a);
        let Some(&op) = s.get(op_at) else { continue };
        if !matches!(op, '+' | '-' | '*' | '/' | 'x' | '×' | '÷') {
            continue;
        }
        let Some((b, _)) = number(skip_spaces(op_at + 1)) else {
            continue;
        };
        let (sign, value) = match op {
            '+' => ('+', a + b),
            '-' => ('-', a - b),
            '/' | '÷' if b == 0.0 => {
                return Some(
                    "Dividing by zero has no answer, not even for a bot. Try another divisor."
                        .into(),
                );
            }
            '/' | '÷' => ('÷', a / b),
            _ => ('×', a * b),
        };
        return Some(format!(
            "{} {sign} {} = {}. Anything else to work out?",
            show(a),
            show(b),
            show(value)
        ));
    }
    None
}

/// A number without a trailing `.0`, rounded to 4 decimals.
fn show(v: f64) -> String {
    let rounded = (v * 10_000.0).round() / 10_000.0;
    let text = format!("{rounded}");
    if text == "-0" { "0".into() } else { text }
}

/// The reply cut into the pieces streamed one by one: words with the space after them, so
/// the pieces joined are the reply.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(' ')
}

#[cfg(test)]
mod tests {
    use super::{Role, reply, tokens};

    fn say(msg: &str) -> String {
        reply(&[], msg)
    }

    #[test]
    fn arithmetic() {
        assert_eq!(
            say("what is 12 * 7?"),
            "12 × 7 = 84. Anything else to work out?"
        );
        assert!(say("3+4").starts_with("3 + 4 = 7."));
        assert!(say("how much is 10 / 4").starts_with("10 ÷ 4 = 2.5."));
        assert!(say("2 x 8 please").starts_with("2 × 8 = 16."));
        assert!(say("5 - 9").starts_with("5 - 9 = -4."));
        assert!(say("-3 * 3").starts_with("-3 × 3 = -9."));
        assert!(say("1 / 3").starts_with("1 ÷ 3 = 0.3333."));
        assert!(say("7 / 0").contains("Dividing by zero"));
        // A number alone is not a sum.
        assert!(!say("I have 3 cats").contains('='));
    }

    #[test]
    fn remembers_the_name_across_the_conversation() {
        assert_eq!(
            say("Hi, my name is ann"),
            "Nice to meet you, Ann! I will remember your name for the rest of this conversation."
        );
        let history = [
            (Role::User, "my name is Ann"),
            (Role::Assistant, "Nice to meet you, Ann!"),
        ];
        assert_eq!(
            reply(&history, "What is my name?"),
            "You told me your name is Ann."
        );
        assert_eq!(
            reply(&history, "hello"),
            "Hello, Ann! How can I help you today?"
        );
        assert!(say("what's my name").contains("not told me your name"));
    }

    #[test]
    fn greetings_thanks_goodbyes_and_identity() {
        assert_eq!(say("Hello"), "Hello! How can I help you today?");
        assert_eq!(say("hey there"), "Hello! How can I help you today?");
        assert!(say("thanks a lot").starts_with("You are welcome!"));
        assert!(say("ok bye").starts_with("Goodbye!"));
        assert!(say("who are you?").contains("No language model"));
        assert!(say("how are you?").contains("always fine"));
    }

    #[test]
    fn recalls_what_the_user_said_before() {
        let history = [
            (Role::User, "I like trains"),
            (Role::Assistant, "Tell me more about like trains."),
        ];
        assert_eq!(
            reply(&history, "what did I say?"),
            "Just before this you said: \"I like trains\"."
        );
        assert_eq!(
            say("what did i say"),
            "This is the first thing you said to me."
        );
    }

    #[test]
    fn topics_feelings_and_reflection() {
        assert!(say("What is htmx?").starts_with("htmx lets HTML do the talking"));
        assert!(say("tell me about websockets").contains("websocket"));
        assert!(say("is this saved in a database").contains("SQLite"));
        assert_eq!(
            say("I feel tired of my exams."),
            "Why do you feel tired of your exams? Tell me more about it."
        );
        assert_eq!(
            say("Honestly I am worried about me"),
            "Why do you feel worried about you? Tell me more about it."
        );
    }

    #[test]
    fn fallbacks_are_deterministic_and_echo_the_users_words() {
        let a = say("The weather was lovely at the seaside");
        assert_eq!(a, say("The weather was lovely at the seaside"));
        assert!(a.contains("lovely at the seaside"), "{a}");
        let q = say("Why is the sky blue?");
        assert!(!q.is_empty() && q == say("Why is the sky blue?"));
        assert!(say("!!!").contains("punctuation"));
        // The history changes the choice of template, not the echoed words.
        let later = reply(
            &[(Role::User, "x"), (Role::Assistant, "y")],
            "The weather was lovely at the seaside",
        );
        assert!(
            later.contains("lovely at the seaside") && later != a,
            "{later}"
        );
    }

    #[test]
    fn tokens_are_words_that_join_back_into_the_reply() {
        let text = "12 × 7 = 84. Anything else?";
        let parts: Vec<&str> = tokens(text).collect();
        assert_eq!(
            parts,
            ["12 ", "× ", "7 ", "= ", "84. ", "Anything ", "else?"]
        );
        assert_eq!(parts.concat(), text);
        let long = say("who are you");
        assert_eq!(tokens(&long).collect::<String>(), long);
        assert!(tokens(&long).count() > 20);
    }
}
