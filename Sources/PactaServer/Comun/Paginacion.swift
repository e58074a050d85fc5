import Vapor

/// One page of a list in the API, with what a client needs to ask for the next one. Every
/// capability pages its lists the same way, so the shape lives with the platform.
struct PaginaDTO<T: Content>: Content {
    let items: [T]
    let pagina: Int
    let porPagina: Int
    let total: Int
}

/// Helpers that paged pages share.
enum Paginacion {
    /// The current query string without paging or format, for export links.
    static func consulta(_ req: Request) -> String {
        guard let q = req.url.query else { return "" }
        return q.split(separator: "&").filter { !$0.hasPrefix("formato=") && !$0.hasPrefix("pagina=") }.joined(separator: "&")
    }
}
