import Foundation
import PactaCore
import Vapor

struct NavItem: Encodable {
    let titulo: String
    let ruta: String
    let actual: Bool
}

/// What every page's frame needs: who is signed in, the navigation of their role, the CSRF token
/// for forms and a one-time notice.
struct Layout: Encodable {
    let titulo: String
    let usuario: String?
    let rol: String?
    let entidad: String?
    let nav: [NavItem]
    let csrf: String
    let aviso: String?
    let hoy: String

    static func make(_ req: Request, titulo: String) async throws -> Layout {
        let p = try await req.application.presente?(req) ?? Presente()
        // Pages outside the session middleware (an unknown path, a static file) have no session.
        let conSesion = req.hasSession
        let aviso = conSesion ? req.session.data["aviso"] : nil
        if aviso != nil { req.session.data["aviso"] = nil }
        let hoy = Fecha.desde(Date(), zona: Fecha.zonaColombia)
        return Layout(titulo: titulo, usuario: p.usuario, rol: p.rol, entidad: p.entidad,
                      nav: p.actor.map { navegacion($0, ruta: req.url.path) } ?? [],
                      csrf: p.csrf, aviso: aviso,
                      hoy: "\(hoy.diaDeLaSemana.nombre.capitalized) \(hoy.texto)")
    }

    /// Who the frame shows as signed in, and the token its forms carry. Accounts, their entity and
    /// the CSRF token belong to capabilities above this platform, so they answer through
    /// `Application.presente` (set in configure) instead of being called from here.
    struct Presente: Sendable {
        /// nil: nobody active is signed in, and the frame has no navigation.
        var actor: Actor? = nil
        var usuario: String? = nil
        var rol: String? = nil
        var entidad: String? = nil
        /// Empty outside a session.
        var csrf: String = ""
    }

    static func navegacion(_ a: Actor, ruta: String) -> [NavItem] {
        var items: [(String, String)] = [("Inicio", "/")]
        if a.puede(.verTodosLosServidores) || a.servidorID != nil {
            items.append((a.puede(.verTodosLosServidores) ? "Servidores" : "Mi equipo", "/servidores"))
        }
        if a.puede(.verEstructura) { items.append(("Estructura", "/estructura/dependencias")) }
        if a.puede(.gestionarEvaluaciones) || a.puede(.verEvaluaciones) || a.servidorID != nil { items.append(("Evaluación (EDL)", "/edl")) }
        if a.puede(.gestionarEvaluaciones) || a.puede(.verEvaluaciones) || a.servidorID != nil {
            items.append(("Gestión institucional", "/gestion"))
            items.append(("Mejoramiento", "/mejoramiento"))
        }
        if a.puede(.importar) { items.append(("Importar", "/importar")) }
        items.append(("Calendario", "/calendario"))
        if a.puede(.verAuditoria) { items.append(("Auditoría", "/auditoria")) }
        if a.puede(.gestionarUsuarios) { items.append(("Usuarios", "/usuarios")) }
        items.append(("Avisos", "/avisos"))
        items.append(("Mi cuenta", "/cuenta/contrasena"))
        let seccion = "/" + (ruta.split(separator: "/").first.map(String.init) ?? "")
        return items.map { titulo, r in
            let suya = "/" + (r.split(separator: "/").first.map(String.init) ?? "")
            return NavItem(titulo: titulo, ruta: r, actual: suya == seccion)
        }
    }
}

/// A page's context: the frame plus the page's own data.
struct Pagina<Contenido: Encodable>: Encodable {
    let layout: Layout
    let c: Contenido
}

extension Application {
    private struct PresenteKey: StorageKey { typealias Value = @Sendable (Request) async throws -> Layout.Presente }
    /// Fills the frame's `Layout.Presente` for a request; without it every page is drawn as for nobody.
    var presente: (@Sendable (Request) async throws -> Layout.Presente)? {
        get { storage[PresenteKey.self] }
        set { storage[PresenteKey.self] = newValue }
    }
}

extension Request {
    func pagina<C: Encodable>(_ vista: String, _ titulo: String, _ contenido: C, status: HTTPStatus = .ok) async throws -> Response {
        let layout = try await Layout.make(self, titulo: titulo)
        let view = try await self.view.render(vista, Pagina(layout: layout, c: contenido))
        return try await view.encodeResponse(status: status, for: self)
    }

    func avisar(_ texto: String) { session.data["aviso"] = texto }
}

struct Opcion: Encodable {
    let valor: String
    let texto: String
    let elegida: Bool
}

enum Opciones {
    static func de<T: RawRepresentable & CaseIterable>(_ t: T.Type, elegida: String?, nombre: (T) -> String) -> [Opcion] where T.RawValue == String {
        T.allCases.map { Opcion(valor: $0.rawValue, texto: nombre($0), elegida: $0.rawValue == elegida) }
    }
}
