//! FastHTML's "QuickDraw: A FastHTML Adventure" in ft: drawing rooms with a Fabric.js canvas.
//!
//! - The home page lists the rooms, newest first, with a form that creates one and adds it to
//!   the top of the list with htmx (the seed's `hx_swap="afterbegin"`); a room renders itself
//!   as a list item (the seed's `render`/`__ft__`).
//! - A room's page has the canvas in drawing mode, a colour picker, a brush-size slider and
//!   "Save Canvas", which posts the canvas as Fabric.js JSON (`canvas_data`, as the seed) and
//!   as a PNG data URL (`image`) with the seed's `hx_vals="js:{..}"`. Each save is kept: the
//!   room shows its saved drawings, newest first, and reopening the room loads the last one
//!   into the canvas (the seed's `/rooms/{id}/load`).
//! - Saves are checked ([`upload`]): a PNG data URL of sane size, Fabric.js JSON whose
//!   pictures are `data:` URLs or paths on this site ([`image_sources`]: a saved drawing never
//!   makes a visitor's browser fetch another site), a room that exists; anything else is a
//!   4xx saying what is wrong. Pictures are served from the
//!   database by integer id.
//! - Fabric.js is the npm package's build, vendored in `examples/static/vendor/`
//!   (`scripts/vendor-example-assets`; the seed loads 5.3.1 from a CDN, this is 7.4.0, whose
//!   brush is made explicitly), so the app works offline.
//!
//! `cargo run -p ft-examples --example quickdraw`, then open http://127.0.0.1:5001
//! (data in `data/drawapp.db`; `PORT`/`HOST` change the address).

use ft_web::actix_web::HttpResponse;
use ft_web::prelude::*;

#[path = "image_sources.rs"]
pub mod image_sources;
#[path = "upload.rs"]
pub mod upload;

#[derive(Record, FormFields, Clone, Debug, Default)]
#[table(name = "rooms")]
#[form(default)]
struct Room {
    id: i64,
    name: String,
    created_at: String,
}

/// One save of a room's canvas: the picture and the Fabric.js JSON to draw on again.
#[derive(Record, Clone, Debug)]
#[table(name = "drawings")]
struct Drawing {
    id: i64,
    room_id: i64,
    png: Vec<u8>,
    canvas_data: String,
    created_at: String,
}

/// What the gallery shows of a drawing: its picture is fetched by id (a partial row: the
/// picture and the canvas JSON are not read).
#[derive(Record, Clone, Debug)]
struct DrawingInfo {
    id: i64,
    created_at: String,
}

/// A drawing's canvas JSON (and its id: a record has a key).
#[derive(Record, Clone, Debug)]
struct SavedCanvas {
    id: i64,
    canvas_data: String,
}

/// The longest room name, in characters.
const MAX_NAME: usize = 60;
/// Saved drawings shown on a room's page.
const SHOWN: u64 = 12;
/// The largest request: a save at both fields' limits, base64 and form-encoding included.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// The examples' static folder (Fabric.js), wherever the binary is started from.
const STATIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static");
const FABRIC: &str = "/static/vendor/fabric-7.4.0.min.js";

const STYLE: &str = "
.canvas-wrap { border: 1px solid var(--pico-muted-border-color); width: max-content; max-width: 100%; overflow: auto; }
.controls { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
.controls label { display: flex; gap: .5rem; align-items: center; margin: 0; }
.controls input { margin: 0; }
.controls input[type=color] { width: 3rem; padding: 0; }
.controls button { margin: 0; width: auto; }
.drawings { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 1rem; }
.drawings:empty::before { content: 'Nothing saved yet.'; color: var(--pico-muted-color); }
.drawings img { border: 1px solid var(--pico-muted-border-color); }
";

/// How a room shows in the list (the seed's `render`).
impl IntoFt for &Room {
    fn into_ft(self) -> Ft {
        Li!(
            A!(&self.name, href = room_page.to(self.id)),
            id = format!("room-{}", self.id)
        )
    }
}

/// A saved drawing in the room's gallery.
fn drawing_card(d: &DrawingInfo) -> Ft {
    let src = drawing_png.to(d.id).to_string();
    Figure!(
        A!(
            Img!(src = &src, alt = format!("Drawing {}", d.id)),
            href = &src,
            target = "_blank"
        ),
        Figcaption!(format!("#{} · {}", d.id, d.created_at)),
        id = format!("drawing-{}", d.id),
        cls = "drawing"
    )
}

/// The time now, as the seed's `datetime.now().isoformat()` (UTC, to the second).
fn now() -> String {
    let t = ft_web::actix_web::cookie::time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[get("/")]
async fn index(rooms: Tbl<Room>) -> Result<Ft> {
    let form = Form!(
        Group!(
            Input!(
                id = "name",
                placeholder = "New Room Name",
                required = true,
                maxlength = MAX_NAME
            ),
            Button!("Create Room")
        ),
        hx_post = create,
        hx_target = "#rooms-list",
        hx_swap = "afterbegin"
    );
    let all = rooms.query().order_by("id DESC").fetch().await?;
    Ok(Titled!(
        "QuickDraw",
        form,
        Ul!(all.iter(), id = "rooms-list")
    ))
}

#[post("/rooms")]
async fn create(form: Room, rooms: Tbl<Room>) -> Result<Ft> {
    let name = form.name.trim();
    if name.is_empty() {
        return Err(Error::bad_request("name: give the room a name"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::bad_request(format!(
            "name: at most {MAX_NAME} characters"
        )));
    }
    let room = rooms
        .insert(&Room {
            id: 0,
            name: name.to_owned(),
            created_at: now(),
        })
        .await?;
    Ok((&room).into_ft())
}

/// The script of a room's page (the seed's, for Fabric.js 7).
fn canvas_js(room_id: i64) -> String {
    format!(
        r#"
var canvas = new fabric.Canvas('canvas', {{ isDrawingMode: true, backgroundColor: '#ffffff' }});
canvas.freeDrawingBrush = new fabric.PencilBrush(canvas);
canvas.freeDrawingBrush.color = '#000000';
canvas.freeDrawingBrush.width = 10;

// Load the room's last saved canvas.
fetch('{load}')
  .then((response) => response.json())
  .then((data) => {{
    if (data && Object.keys(data).length > 0) {{
      canvas.loadFromJSON(data).then(() => canvas.requestRenderAll());
    }}
  }});

document.getElementById('color-picker').oninput = function () {{
  canvas.freeDrawingBrush.color = this.value;
}};
document.getElementById('brush-size').oninput = function () {{
  canvas.freeDrawingBrush.width = parseInt(this.value, 10);
}};
"#,
        load = load.to(room_id)
    )
}

#[get("/rooms/{id}")]
async fn room_page(id: i64, rooms: Tbl<Room>, drawings: Tbl<Drawing>) -> Result<Ft> {
    let room = rooms.get(id).await?;
    let saved = drawings
        .query()
        .eq("room_id", id)
        .order_by("id DESC")
        .limit(SHOWN)
        .fetch_as::<DrawingInfo>()
        .await?;
    let controls = Div!(
        Label!(
            "Colour",
            Input!(r#type = "color", id = "color-picker", value = "#000000")
        ),
        Label!(
            "Brush",
            Input!(
                r#type = "range",
                id = "brush-size",
                min = 1,
                max = 50,
                value = 10
            )
        ),
        Button!(
            "Save Canvas",
            id = "save-canvas",
            hx_post = save.to(id),
            hx_vals = "js:{canvas_data: JSON.stringify(canvas.toJSON()), image: canvas.toDataURL({format: 'png', multiplier: 1})}",
            hx_target = "#drawings",
            hx_swap = "afterbegin"
        ),
        Span!(id = "save-status", role = "status"),
        cls = "controls"
    );
    Ok((
        Style!(STYLE),
        Titled!(
            format!("Room: {}", room.name),
            A!(
                "Leave Room",
                href = index,
                role = "button",
                cls = "secondary"
            ),
            controls,
            Div!(
                Canvas!(id = "canvas", width = 800, height = 600),
                cls = "canvas-wrap"
            ),
            H2!("Saved drawings"),
            Div!(
                saved.iter().map(drawing_card),
                id = "drawings",
                cls = "drawings"
            ),
            Script!(src = FABRIC),
            Script!(canvas_js(id))
        ),
    )
        .into_ft())
}

/// What the Save button sends.
#[derive(FormFields)]
struct Save {
    canvas_data: String,
    image: String,
}

#[post("/rooms/{id}/save")]
async fn save(id: i64, form: Save, rooms: Tbl<Room>, drawings: Tbl<Drawing>) -> Result<Ft> {
    rooms.get(id).await?;
    let canvas_data = upload::canvas_json(&form.canvas_data)?;
    let png = upload::png_from_data_url(&form.image)?;
    let d = drawings
        .insert(&Drawing {
            id: 0,
            room_id: id,
            png,
            canvas_data,
            created_at: now(),
        })
        .await?;
    Ok((
        drawing_card(&DrawingInfo {
            id: d.id,
            created_at: d.created_at,
        }),
        Span!(
            "Canvas saved successfully",
            id = "save-status",
            role = "status",
            hx_swap_oob = "true"
        ),
    )
        .into_ft())
}

/// The room's last saved canvas as Fabric.js JSON, `{}` before the first save; parts that
/// would load a picture from another site are left out (whatever was stored).
#[get("/rooms/{id}/load")]
async fn load(id: i64, rooms: Tbl<Room>, drawings: Tbl<Drawing>) -> Result<HttpResponse> {
    rooms.get(id).await?;
    let last = drawings
        .query()
        .eq("room_id", id)
        .order_by("id DESC")
        .limit(1)
        .fetch_as::<SavedCanvas>()
        .await?
        .pop();
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(last.map_or_else(
            || "{}".to_owned(),
            |c| image_sources::strip_foreign(&c.canvas_data),
        )))
}

/// A saved drawing's picture.
#[get("/drawings/{id}.png")]
async fn drawing_png(id: i64, drawings: Tbl<Drawing>) -> Result<HttpResponse> {
    let d = drawings.get(id).await?;
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header(("X-Content-Type-Options", "nosniff"))
        // A saved drawing never changes.
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(d.png))
}

/// The app on the SQLite file `db`.
pub fn app(db: &str) -> FastApp {
    fast_app()
        .db(db)
        .table::<Room>()
        .table::<Drawing>()
        .max_body(MAX_BODY)
        .static_route_exts("/static/", STATIC, ft_web::STATIC_EXTS)
        .routes(routes![index, create, room_page, save, load, drawing_png])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/drawapp.db")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
