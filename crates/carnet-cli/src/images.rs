//! The size of the site's own images, read from their files, so that a post's `<img>` gets its
//! width and height ([`carnet_core::model::Post::images`]) and its page keeps the image's room
//! before it loads, rather than moving the text under the reader once it has.

use carnet_core::links::{percent_decoded, relative_image_key, resolved, site_links};
use carnet_core::ImageSize;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The sizes of the images under the folder the site serves as it is (`public/`) and of those
/// in posts' own folders, each file read once a build.
pub struct ImageSizes {
    public: PathBuf,
    /// The files published beside posts' pages, by their path from the site's root.
    beside: HashMap<String, PathBuf>,
    /// Each image's size, by its path from the site's root.
    known: HashMap<String, Option<(u32, u32)>>,
}

/// The file names an `<img>` may show whose size is read.
const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "svg",
];

impl ImageSizes {
    /// The sizes of the images under `public` and of `beside`, the files published beside
    /// posts' pages (`posts/a/photo.png`, with the file it is).
    pub fn new(public: PathBuf, beside: HashMap<String, PathBuf>) -> ImageSizes {
        ImageSizes {
            public,
            beside,
            known: HashMap::new(),
        }
    }

    /// The size of each image of the site that `markdown`, the post whose page is at `page`
    /// (`posts/a/`), links to, as links or images, in the order written, each once; an image
    /// whose size cannot be read is left out (it shows as before, without a size).
    pub fn of_post(&mut self, markdown: &str, page: &str) -> Vec<ImageSize> {
        // Most posts show no image: none is parsed for nothing.
        let html_image = markdown.match_indices('<').any(|(at, _)| {
            markdown.as_bytes()[at + 1..]
                .get(..3)
                .is_some_and(|name| name.eq_ignore_ascii_case(b"img"))
        });
        if !markdown.contains("![") && !html_image {
            return Vec::new();
        }
        let mut sizes: Vec<ImageSize> = Vec::new();
        for link in site_links(markdown) {
            // Named as the sanitizer names the `src` (carnet_core::links::relative_image_key),
            // found where the host serves it from.
            let (key, path) = match &link.relative {
                Some(written) => (
                    relative_image_key(written),
                    percent_decoded(&resolved(page, written)),
                ),
                None => (link.path.clone(), link.path),
            };
            let extension = path.rsplit_once('.').map(|(_, extension)| extension);
            let is_image = extension.is_some_and(|extension| {
                IMAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
            });
            if !is_image || sizes.iter().any(|size| size.path == key) {
                continue;
            }
            let file = match self.beside.get(&path) {
                Some(file) => file.clone(),
                None => self.public.join(&path),
            };
            let size = *self.known.entry(path).or_insert_with(|| image_size(&file));
            if let Some((width, height)) = size {
                sizes.push(ImageSize {
                    path: key,
                    width,
                    height,
                });
            }
        }
        sizes
    }
}

/// The width and height of the image file at `path` as a browser draws it without a size of
/// its own, if it is one whose size can be read.
fn image_size(path: &Path) -> Option<(u32, u32)> {
    let size = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        svg_size(&std::fs::read_to_string(path).ok()?)?
    } else {
        let size = imagesize::size(path).ok()?;
        let size = (
            u32::try_from(size.width).ok()?,
            u32::try_from(size.height).ok()?,
        );
        // A photo stored on its side with an EXIF orientation is drawn turned upright.
        match jpeg_orientation(path) {
            Some(5..=8) => (size.1, size.0),
            _ => size,
        }
    };
    Some(size).filter(|&(width, height)| width > 0 && height > 0)
}

/// The EXIF orientation of the JPEG file at `path` (1 to 8; 5 to 8 turn it a quarter), if it
/// is a JPEG that says one.
fn jpeg_orientation(path: &Path) -> Option<u16> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(128 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    let mut at = 2;
    if !head.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    // The segments before the image data: APP1 « Exif » holds the orientation.
    while at + 4 <= head.len() && head[at] == 0xFF {
        let marker = head[at + 1];
        let length = usize::from(u16::from_be_bytes([head[at + 2], head[at + 3]]));
        let segment = head.get(at + 4..at + 2 + length)?;
        if marker == 0xE1 && segment.starts_with(b"Exif\0\0") {
            return exif_orientation(&segment[6..]);
        }
        if marker == 0xDA || length < 2 {
            return None;
        }
        at += 2 + length;
    }
    None
}

/// The orientation tag (0x0112) of the first directory of the TIFF data `tiff`.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let big_endian = match tiff.get(..4)? {
        [b'M', b'M', 0, 42] => true,
        [b'I', b'I', 42, 0] => false,
        _ => return None,
    };
    // The unsigned number of `length` bytes at `at`, in the data's byte order.
    let number = |at: usize, length: usize| -> Option<u32> {
        let bytes = tiff.get(at..at.checked_add(length)?)?;
        let push = |number: u32, &byte: &u8| number << 8 | u32::from(byte);
        Some(if big_endian {
            bytes.iter().fold(0, push)
        } else {
            bytes.iter().rev().fold(0, push)
        })
    };
    let directory = usize::try_from(number(4, 4)?).ok()?;
    let entries = number(directory, 2)?;
    (0..entries as usize)
        .map(|entry| directory + 2 + entry * 12)
        .find(|&entry| number(entry, 2) == Some(0x0112))
        .and_then(|entry| u16::try_from(number(entry + 8, 2)?).ok())
}

/// The size an `<img>` draws an SVG image at: its root's `width` and `height` in an absolute
/// unit (px, pt, pc, mm, cm, in, or none), or one of them and the proportions of its `viewBox`.
/// Nothing for an image without them (a `viewBox` alone, or `100%`): the browser then picks a
/// size of its own, which the page leaves it.
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
    let width = attribute(b"width").and_then(|value| css_pixels(&value));
    let height = attribute(b"height").and_then(|value| css_pixels(&value));
    let proportions = || -> Option<f64> {
        let view_box = attribute(b"viewBox")?;
        let numbers: Vec<f64> = view_box
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|part| !part.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        match numbers[..] {
            [_, _, w, h] if w > 0.0 && h > 0.0 && (w / h).is_finite() => Some(w / h),
            _ => None,
        }
    };
    let (width, height) = match (width, height) {
        (Some(width), Some(height)) => (width, height),
        (Some(width), None) => (width, width / proportions()?),
        (None, Some(height)) => (height * proportions()?, height),
        (None, None) => return None,
    };
    let round = |pixels: f64| -> Option<u32> {
        (pixels.is_finite() && (0.5..=1e6).contains(&pixels)).then(|| pixels.round() as u32)
    };
    Some((round(width)?, round(height)?))
}

/// A CSS length in an absolute unit, in CSS pixels (96 an inch): `480`, `480px`, `210mm`.
fn css_pixels(value: &str) -> Option<f64> {
    let value = value.trim();
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let per_unit = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "px" => 1.0,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        _ => return None,
    };
    let number: f64 = number.parse().ok()?;
    (number.is_finite() && number > 0.0).then_some(number * per_unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_is_drawn_at_its_width_and_height_in_pixels() {
        let svg = |root: &str| svg_size(&format!("<?xml version=\"1.0\"?>\n{root}<rect/></svg>"));
        assert_eq!(
            svg("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"240px\" viewBox=\"0 0 48 24\">"),
            Some((480, 240))
        );
        // Inkscape's A4 page: millimetres.
        assert_eq!(
            svg("<svg width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\">"),
            Some((794, 1123))
        );
        // One side given: the other from the viewBox's proportions.
        assert_eq!(
            svg("<svg width=\"100\" viewBox=\"0,0 50 20\">"),
            Some((100, 40))
        );
        assert_eq!(
            svg("<svg height=\"1in\" viewBox=\"0 0 2 1\">"),
            Some((192, 96))
        );
        // No size of its own: the browser's choice, left to it.
        assert_eq!(svg("<svg viewBox=\"0 0 24 24\">"), None);
        assert_eq!(
            svg("<svg width=\"100%\" height=\"100%\" viewBox=\"0 0 4 3\">"),
            None
        );
        assert_eq!(svg("<svg width=\"10em\" height=\"2em\">"), None);
        assert_eq!(svg("<svg width=\"0\" height=\"10\">"), None);
        assert_eq!(svg("<svg width=\"1e300\" height=\"10\">"), None);
        assert_eq!(svg_size("not svg"), None);
    }

    #[test]
    fn a_jpeg_on_its_side_is_drawn_upright() {
        // A JPEG's start, an APP1 Exif segment whose first directory says orientation 6 (turned
        // a quarter), little- or big-endian; its size itself is imagesize's.
        let jpeg = |big_endian: bool, orientation: u16| {
            // `n` in `length` bytes, in the byte order asked.
            let put = |n: u32, length: usize| {
                let bytes = n.to_be_bytes()[4 - length..].to_vec();
                if big_endian {
                    bytes
                } else {
                    bytes.into_iter().rev().collect()
                }
            };
            let mut tiff = if big_endian {
                b"MM\0\x2a".to_vec()
            } else {
                b"II\x2a\0".to_vec()
            };
            tiff.extend(put(8, 4));
            tiff.extend(put(1, 2));
            tiff.extend(put(0x0112, 2));
            tiff.extend(put(3, 2));
            tiff.extend(put(1, 4));
            tiff.extend(put(orientation.into(), 2));
            tiff.extend([0, 0, 0, 0, 0, 0]);
            let mut segment = b"Exif\0\0".to_vec();
            segment.extend(tiff);
            let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1];
            bytes.extend(((segment.len() + 2) as u16).to_be_bytes());
            bytes.extend(segment);
            bytes.extend([0xFF, 0xDA, 0, 2]);
            bytes
        };
        let file = std::env::temp_dir().join(format!("carnet-exif-{}.jpg", std::process::id()));
        for big_endian in [false, true] {
            std::fs::write(&file, jpeg(big_endian, 6)).unwrap();
            assert_eq!(jpeg_orientation(&file), Some(6));
            std::fs::write(&file, jpeg(big_endian, 1)).unwrap();
            assert_eq!(jpeg_orientation(&file), Some(1));
        }
        std::fs::write(&file, b"\xFF\xD8\xFF\xE1\xFF\xFFExif").unwrap();
        assert_eq!(jpeg_orientation(&file), None, "cut short");
        std::fs::write(&file, b"GIF89a").unwrap();
        assert_eq!(jpeg_orientation(&file), None);
        std::fs::remove_file(file).unwrap();
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
        let mut sizes = ImageSizes::new(public.clone(), HashMap::new());
        let found = sizes.of_post(
            "![a](/images/a.svg) ![a again](/images/a.svg?v=2)\n\n\
             <img src=\"/images/b.gif\"> ![missing](/images/c.png) [text](/posts/x/)\n\n\
             ![elsewhere](https://example.org/d.png)\n",
            "posts/p/",
        );
        let found: Vec<(&str, u32, u32)> = found
            .iter()
            .map(|size| (size.path.as_str(), size.width, size.height))
            .collect();
        assert_eq!(found, [("images/a.svg", 48, 24), ("images/b.gif", 3, 2)]);
        assert_eq!(
            sizes.of_post("No image, [a link](/images/a.svg).", "posts/p/"),
            []
        );
        let html_alone = sizes.of_post("Du HTML seul : <IMG SRC=\"/images/b.gif\">", "posts/p/");
        assert_eq!(html_alone.len(), 1, "an image in HTML alone is found");
        std::fs::remove_dir_all(public).unwrap();
    }
}
