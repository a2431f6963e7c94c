//! The app's root: the router, and the layout of every page around it.
//!
//! Both entries, the wasm one (`main.rs`) and the content tool's pre-renderer, set up the app's
//! context with [`provide_app_context`], so that what the browser hydrates is what was rendered.
//! It provides the [`SiteUrls`], the interface's [`Strings`] in the blog's language (which the
//! browser reads from `<html lang>`, the pre-renderer from the index), the [`Store`], and the
//! [`SharedIndex`] when the page's data came with it (what a pre-rendered page embeds, with the
//! index it was drawn with: see `main.rs`); without one, the app fetches the index itself and
//! shows a loading state, or an error with « Réessayer ». When the page embedded data that cannot be read, or drawn for another URL could not fetch the index ([`EmbeddedDataError`]), that
//! error shows first, and « Réessayer » fetches the index.

use crate::api::{self, LoadError};
use crate::components::{LoadErrorView, Loading, Sidebar, SiteFooter, SiteHeader};
use crate::page_data::EmbeddedDataError;
use crate::routes::{
    ArchivePage, CategoryPage, HomePage, MonthPage, NotFoundPage, PostPage, SearchPage, TagPage,
    TagsPage,
};
use crate::store::{SharedIndex, Store};
use crate::urls::SiteUrls;
use carnet_core::i18n::{Language, Strings};
use carnet_core::model::PageData;
use carnet_core::page_ids;
use leptos::either::{Either, EitherOf3};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use wasm_bindgen::JsCast;

/// Sets up the app's context for a page in `language` served from `site` that embeds `embedded`
/// (its data, or why that cannot be read), if anything: the one setup of both the browser and
/// the pre-renderer, since hydration needs the two to draw the same page. The interface's
/// strings are there as `&'static Strings`.
pub fn provide_app_context(
    site: SiteUrls,
    language: Language,
    embedded: Option<Result<PageData, LoadError>>,
) {
    let store = Store::new(site.clone(), language);
    provide_context(site);
    provide_context::<&'static Strings>(language.strings());
    match embedded {
        Some(Ok(data)) => provide_context(store.insert_page_data(data)),
        Some(Err(error)) => provide_context(EmbeddedDataError(error)),
        None => {}
    }
    provide_context(store);
}

/// The whole app. Expects the context [`provide_app_context`] sets up.
#[component]
pub fn App() -> impl IntoView {
    // The pre-renderer writes the head with leptos_meta; the browser's app changes it itself
    // (`components::PageMeta`).
    #[cfg(feature = "ssr")]
    leptos_meta::provide_meta_context();
    let site = expect_context::<SiteUrls>();
    let has_blog = use_context::<SharedIndex>().is_some();
    view! {
        <Router base=site.router_base()>
            {if has_blog { Either::Left(view! { <Layout /> }) } else { Either::Right(view! { <IndexLoader /> }) }}
        </Router>
    }
}

/// Fetches the index, then shows the layout; meanwhile a loading state, or the error.
#[component]
fn IndexLoader() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let embedded = StoredValue::new(use_context::<EmbeddedDataError>().map(|error| error.0));
    let index = LocalResource::new(move || {
        let site = site.clone();
        // The page's own data is the first answer, when it could not be read; a retry fetches.
        let unreadable = embedded.write_value().take();
        async move {
            match unreadable {
                Some(error) => Err(error),
                None => api::fetch_index(&site, false).await.map(SharedIndex::new),
            }
        }
    });
    move || match index.get() {
        None => EitherOf3::A(view! {
            <main id=page_ids::MAIN class="standalone">
                <Loading label=strings.loading_blog />
            </main>
        }),
        Some(Err(error)) => {
            EitherOf3::B(view! { <IndexError error on_retry=move || index.refetch() /> })
        }
        Some(Ok(blog)) => {
            expect_context::<Store>().use_index(&blog);
            provide_context(blog);
            EitherOf3::C(view! { <Layout /> })
        }
    }
}

/// The index could not be loaded: say why, offer to try again.
#[component]
fn IndexError(error: LoadError, on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let strings = expect_context::<&'static Strings>();
    view! {
        <main id=page_ids::MAIN class="standalone">
            <LoadErrorView
                error
                title=strings.blog_unavailable
                on_retry=Callback::new(move |()| on_retry())
            />
        </main>
    }
}

/// Header, page, sidebar, footer; the page is chosen by the URL.
#[component]
fn Layout() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    // After an in-app navigation, a screen reader's focus would stay on a link that is gone,
    // and nothing would say that the page changed: move the focus to the new page's heading
    // and announce its title, as a full page load would. Not on the first load, which the
    // browser announces itself.
    let location = use_location();
    let announcement = RwSignal::new(String::new());
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            // In the next frame, once the new page is in the DOM: focusing forces a layout,
            // which then comes for free with the one the frame needs to paint.
            request_animation_frame(move || arrive(announcement, HEADING_FRAMES));
        }
        path
    });
    prefetch_pointed_links(&site);
    remember_fragments_asked();
    let strings = expect_context::<&'static Strings>();
    view! {
        <a class="skip-link" href="#contenu" target="_self">
            {strings.skip_to_content}
        </a>
        <SiteHeader />
        <div class="columns">
            <main id=page_ids::MAIN tabindex="-1" aria-label=strings.main_content>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/page/:page") view=HomePage />
                    <Route path=path!("/posts/:slug") view=PostPage />
                    <Route path=path!("/category/:slug") view=CategoryPage />
                    <Route path=path!("/category/:slug/page/:page") view=CategoryPage />
                    <Route path=path!("/tag/:slug") view=TagPage />
                    <Route path=path!("/tag/:slug/page/:page") view=TagPage />
                    <Route path=path!("/tags") view=TagsPage />
                    <Route path=path!("/archive") view=ArchivePage />
                    <Route path=path!("/archive/:year/:month") view=MonthPage />
                    <Route path=path!("/archive/:year/:month/page/:page") view=MonthPage />
                    <Route path=path!("/search") view=SearchPage />
                </Routes>
            </main>
            <Sidebar />
        </div>
        <SiteFooter />
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || announcement.get()}
        </p>
    }
}

/// Starts loading a page's data as soon as the pointer is over a link to it or the link has the
/// focus: a reader's click comes a tenth of a second or more later, and the page then draws at
/// once.
fn prefetch_pointed_links(site: &SiteUrls) {
    let (blog, store) = (expect_context::<SharedIndex>(), expect_context::<Store>());
    let base = site.base().to_owned();
    let prefetch = move |event: &web_sys::Event| {
        let href = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|link| link.get_attribute("href"));
        if let Some(path) = href.as_deref().and_then(|href| href.strip_prefix(&base)) {
            store.prefetch(&blog, path);
        }
    };
    let on_focus = prefetch.clone();
    // The listeners live as long as the page: the layout is never unmounted.
    let _ = window_event_listener(ev::pointerover, move |event| prefetch(&event));
    let _ = window_event_listener(ev::focusin, move |event| on_focus(&event));
}

thread_local! {
    /// Whether the link last clicked names a fragment (`/posts/a/#plan`): once its page is drawn,
    /// [`arrive`] shows that section of it, which the router, showing a new page from its top,
    /// does not. Not after back and forward, where the browser keeps its own scroll position.
    static FRAGMENT_ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes whether each link clicked names a fragment, for [`arrive`].
fn remember_fragments_asked() {
    let _ = window_event_listener(ev::click, |event| {
        let link = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|link| link.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        FRAGMENT_ASKED.set(link.is_some_and(|link| link.hash().len() > 1));
    });
}

/// Gives the page's heading the focus if nothing else holds it: the body, or `<main>`, where
/// [`arrive`] leaves it when no heading came in time (a post whose load failed after seconds).
#[cfg(feature = "hydrate")]
pub fn focus_late_heading() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let held = (document.active_element())
        .is_some_and(|active| active.tag_name() != "BODY" && active.id() != page_ids::MAIN);
    let heading = (document
        .query_selector(&format!("#{} h1", page_ids::MAIN))
        .ok())
    .flatten()
    .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok());
    if let (false, Some(heading)) = (held, heading) {
        let _ = heading.set_attribute("tabindex", "-1");
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = heading.focus_with_options(&options);
    }
}

/// How many frames [`arrive`] waits for the new page's heading (a page whose data is still on
/// its way shows « Chargement… » first): about two seconds at 60 frames a second.
const HEADING_FRAMES: u32 = 120;

/// Moves the focus to the new page's heading, its `<h1>` in `<main>` (or to the section the link
/// followed asked for, scrolled into view), and announces the page's title in the polite live
/// region. While the page has no heading yet, tries again in the next
/// frame, `frames` times at most; then focuses `<main>` itself. The focus stays in the search
/// box while the reader types in it (the search page follows what they type), but the new title
/// is announced all the same.
fn arrive(announcement: RwSignal<String>, frames: u32) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let typing = document
        .active_element()
        .is_some_and(|active| active.id() == page_ids::SEARCH_BOX);
    if typing {
        announcement.set(document.title());
        return;
    }
    let heading = document
        .query_selector(&format!("#{} h1", page_ids::MAIN))
        .ok()
        .flatten();
    // The section a followed link asked for (`#plan`), once the page is drawn: shown and focused
    // as a browser shows a fragment.
    let fragment = heading
        .as_ref()
        .filter(|_| FRAGMENT_ASKED.take())
        .and_then(|_| web_sys::window()?.location().hash().ok());
    let section = fragment
        .as_deref()
        .and_then(|hash| hash.strip_prefix('#'))
        .and_then(|id| js_sys::decode_uri_component(id).ok())
        .and_then(|id| document.get_element_by_id(&String::from(id)));
    if let Some(section) = &section {
        section.scroll_into_view();
    }
    let target = match section.or(heading) {
        Some(heading) => {
            // Headings cannot take the focus by themselves; -1 keeps them out of the tab order.
            if !heading.has_attribute("tabindex") {
                let _ = heading.set_attribute("tabindex", "-1");
            }
            heading
        }
        None if frames > 0 => {
            request_animation_frame(move || arrive(announcement, frames - 1));
            return;
        }
        None => match document.get_element_by_id(page_ids::MAIN) {
            Some(main) => main,
            None => return,
        },
    };
    if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
        // Without scrolling: the router, or the browser on back, decides the scroll.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
    }
    announcement.set(document.title());
}
