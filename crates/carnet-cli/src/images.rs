//! The size of the site's own images, read from their files, so that a post's `<img>` gets its
//! width and height ([`carnet_core::model::Post::images`]) and its page keeps the image's room
//! before it loads, rather than moving the text under the reader once it has.

use carnet_core::links::site_links;
use carnet_core::ImageSize;
use std::collections::HashMap;
use std::path::PathBuf;

/// The sizes of the images under the folder the site serves as it is (`public/`), each file
/// read once a build.
pub struct ImageSizes {
    public: PathBuf,
    known: HashMap<String, Option<(u32, u32)>>,
}

/// The file names an `<img>` may show whose size is read.
const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "svg",
];

impl ImageSizes {
    /// The sizes of the images under `public`.
    pub fn new(public: PathBuf) -> ImageSizes {
        ImageSizes {
            public,
            known: HashMap::new(),
        }
    }

    /// The size of each image of the site that `markdown` links to, as links or images, in the
    /// order written, each once; an image whose size cannot be read is left out (it shows as
    /// before, without a size).
    pub fn of_post(&mut self, markdown: &str) -> Vec<ImageSize> {
        // Most posts show no image: none is parsed for nothing.
        if !markdown.contains("![") && !markdown.to_ascii_lowercase().contains("<img") {
            return Vec::new();
        }
        let mut sizes: Vec<ImageSize> = Vec::new();
        for link in site_links(markdown) {
            let extension = link.path.rsplit_once('.').map(|(_, extension)| extension);
            let is_image = extension.is_some_and(|extension| {
                IMAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
            });
            if !is_image || sizes.iter().any(|size| size.path == link.path) {
                continue;
            }
            let public = &self.public;
            let size = *self
                .known
                .entry(link.path.clone())
                .or_insert_with(|| size_of(&public.join(&link.path)));
            if let Some((width, height)) = size {
                sizes.push(ImageSize {
                    path: link.path,
                    width,
                    height,
                });
            }
        }
        sizes
    }
}

/// The width and height of the image file at `path`, if it is one whose size can be read.
fn size_of(path: &std::path::Path) -> Option<(u32, u32)> {
    let size = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        svg_size(&std::fs::read_to_string(path).ok()?)?
    } else {
        let size = imagesize::size(path).ok()?;
        (
            u32::try_from(size.width).ok()?,
            u32::try_from(size.height).ok()?,
        )
    };
    Some(size).filter(|&(width, height)| width > 0 && height > 0)
}

/// The size an SVG image is drawn at by an `<img>` without one: its root's `width` and
/// `height` in pixels, else its `viewBox`'s.
fn svg_size(svg: &str) -> Option<(u32, u32)> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let root = loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(element) | quick_xml::events::Event::Empty(element)
                if element.local_name().as_ref() == b"svg" =>
            {
                break element.into_owned();
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    };
    let attribute = |name: &[u8]| -> Option<String> {
        let attribute = root.try_get_attribute(name).ok()??;
        Some(String::from_utf8_lossy(&attribute.value).into_owned())
    };
    let pixels = |value: String| -> Option<u32> {
        let number: f64 = value.trim().trim_end_matches("px").trim().parse().ok()?;
        (number.is_finite() && number > 0.0).then(|| number.round() as u32)
    };
    if let (Some(width), Some(height)) = (
        attribute(b"width").and_then(pixels),
        attribute(b"height").and_then(pixels),
    ) {
        return Some((width, height));
    }
    let view_box = attribute(b"viewBox")?;
    let numbers: Vec<f64> = view_box
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [_, _, width, height]
            if width > 0.0 && height > 0.0 && width.is_finite() && height.is_finite() =>
        {
            Some((width.round() as u32, height.round() as u32))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_is_drawn_at_its_width_and_height_else_at_its_view_box() {
        let svg = |root: &str| svg_size(&format!("<?xml version=\"1.0\"?>\n{root}<rect/></svg>"));
        assert_eq!(
            svg("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"240px\" viewBox=\"0 0 48 24\">"),
            Some((480, 240))
        );
        assert_eq!(
            svg("<svg viewBox=\"0,0 50.4 20\" width=\"100%\">"),
            Some((50, 20))
        );
        assert_eq!(svg("<svg width=\"10em\" height=\"2em\">"), None);
        assert_eq!(svg("<svg viewBox=\"0 0 0 10\">"), None);
        assert_eq!(svg_size("not svg"), None);
    }

    #[test]
    fn a_post_gets_the_size_of_each_image_of_the_site_it_shows_once() {
        let public = std::env::temp_dir().join(format!("carnet-images-{}", std::process::id()));
        std::fs::create_dir_all(public.join("images")).unwrap();
        std::fs::write(
            public.join("images/a.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"48\" height=\"24\"></svg>",
        )
        .unwrap();
        // A 3×2 GIF: its header is all that is read.
        std::fs::write(
            public.join("images/b.gif"),
            b"GIF89a\x03\x00\x02\x00\x00\x00\x00;",
        )
        .unwrap();
        let mut sizes = ImageSizes::new(public.clone());
        let found = sizes.of_post(
            "![a](/images/a.svg) ![a again](/images/a.svg?v=2)\n\n\
             <img src=\"/images/b.gif\"> ![missing](/images/c.png) [text](/posts/x/)\n\n\
             ![elsewhere](https://example.org/d.png)\n",
        );
        let found: Vec<(&str, u32, u32)> = found
            .iter()
            .map(|size| (size.path.as_str(), size.width, size.height))
            .collect();
        assert_eq!(found, [("images/a.svg", 48, 24), ("images/b.gif", 3, 2)]);
        assert_eq!(sizes.of_post("No image, [a link](/images/a.svg)."), []);
        std::fs::remove_dir_all(public).unwrap();
    }
}
