// Images of the media library inside rich text: a django-prose-editor (Tiptap) extension,
// loaded by the editor in the admin only (DJANGO_PROSE_EDITOR_EXTENSIONS in portal/settings.py).
// The text keeps nothing but <figure data-library-image="N"></figure>; the site renders the
// figure from the library when a page is shown (media/richtext.py). The toolbar button opens
// a dialog that lists the described images of the library (the media admin's chooser view);
// in the editor each figure shows the image's thumbnail, name and alt text.
import { Node } from "django-prose-editor/editor"

function element(tag, properties = {}, children = []) {
  const node = document.createElement(tag)
  Object.assign(node, properties)
  node.append(...children)
  return node
}

let stylesheetAdded = false

function addStylesheet(href) {
  if (stylesheetAdded || !href) return
  stylesheetAdded = true
  document.head.append(element("link", { rel: "stylesheet", href }))
}

async function fetchImages(url, params) {
  try {
    const response = await fetch(`${url}?${new URLSearchParams(params)}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
    return response.ok ? (await response.json()).results : []
  } catch {
    return []
  }
}

// Resolves with the number of the chosen image, or null when the dialog is closed.
function chooseImage(options) {
  const labels = options.labels || {}
  return new Promise((resolve) => {
    const heading = element("h2", { id: "library-chooser-title", textContent: labels.title })
    const search = element("input", {
      type: "search",
      className: "vTextField library-chooser__search",
      placeholder: labels.search,
    })
    search.setAttribute("aria-label", labels.search)
    const status = element("p", { className: "library-chooser__status" })
    status.setAttribute("role", "status")
    const list = element("ul", { className: "library-chooser__list" })
    const close = element("button", {
      type: "button",
      className: "button library-chooser__close",
      textContent: labels.close,
    })
    const dialog = element("dialog", { className: "library-chooser" }, [
      heading,
      search,
      status,
      list,
      close,
    ])
    dialog.setAttribute("aria-labelledby", heading.id)
    let chosen = null
    dialog.addEventListener("close", () => {
      dialog.remove()
      resolve(chosen)
    })
    close.addEventListener("click", () => dialog.close())

    let latest = 0
    async function load() {
      const request = ++latest
      const images = await fetchImages(options.chooserUrl, { q: search.value })
      if (request !== latest) return // a later search has been typed meanwhile
      list.replaceChildren(
        ...images.map((image) => {
          const button = element("button", { type: "button", className: "library-chooser__choice" }, [
            element("img", { src: image.thumbnail, alt: "" }),
            element("span", { className: "library-chooser__name", textContent: image.title }),
            element("span", { className: "library-chooser__alt", textContent: image.alt }),
          ])
          button.addEventListener("click", () => {
            chosen = image.id
            dialog.close()
          })
          return element("li", {}, [button])
        }),
      )
      status.textContent = images.length ? "" : labels.empty
    }
    let timer
    search.addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(load, 250)
    })
    document.body.append(dialog)
    dialog.showModal()
    load()
  })
}

export const LibraryImage = Node.create({
  name: "libraryImage",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { chooserUrl: "", stylesheet: "", labels: {} }
  },

  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (node) => node.getAttribute("data-library-image"),
        renderHTML: (attributes) => ({ "data-library-image": attributes.id }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-library-image]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const options = this.options
    return ({ node }) => {
      const image = element("img", { alt: "" })
      const caption = element("figcaption", { textContent: "…" })
      const dom = element("figure", { className: "library-image-preview" }, [image, caption])
      dom.contentEditable = "false"
      fetchImages(options.chooserUrl, { id: node.attrs.id }).then(([found]) => {
        if (found) {
          image.src = found.thumbnail
          caption.textContent = `${found.title}: ${found.alt}`
        } else {
          image.remove()
          caption.textContent = options.labels.missing
        }
      })
      return { dom }
    }
  },

  addCommands() {
    return {
      // A paragraph follows, to write on; it also keeps a text of one figure from being
      // taken for an empty editor (django-prose-editor empties a text of one empty element).
      insertLibraryImage:
        (id) =>
        ({ commands }) =>
          commands.insertContent([
            { type: this.name, attrs: { id: String(id) } },
            { type: "paragraph" },
          ]),
    }
  },

  addMenuItems({ menu, buttons }) {
    const options = this.options
    addStylesheet(options.stylesheet)
    menu.defineItem({
      name: "libraryImage",
      groups: "nodes",
      button: buttons.material("image", options.labels.button),
      command(editor) {
        chooseImage(options).then((id) => {
          if (id) editor.chain().focus().insertLibraryImage(id).run()
        })
      },
    })
  },
})
