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
        let usuario = req.auth.get(Usuario.self)
        let actor = try? req.actor()
        var entidad: String?
        if let actor { entidad = try await Entidad.find(actor.entidadID, on: req.db)?.nombre }
        // Pages outside the session middleware (an unknown path, a static file) have no session.
        let conSesion = req.hasSession
        let aviso = conSesion ? req.session.data["aviso"] : nil
        if aviso != nil { req.session.data["aviso"] = nil }
        let hoy = Fecha.desde(Date(), zona: Fecha.zonaColombia)
        return Layout(titulo: titulo, usuario: usuario?.nombre, rol: usuario?.rol.nombre, entidad: entidad,
                      nav: actor.map { navegacion($0, ruta: req.url.path) } ?? [],
                      csrf: conSesion ? CSRFMiddleware.token(req) : "", aviso: aviso,
                      hoy: "\(hoy.diaDeLaSemana.nombre.capitalized) \(hoy.texto)")
    }

    static func navegacion(_ a: Actor, ruta: String) -> [NavItem] {
        var items: [(String, String)] = [("Inicio", "/")]
        if a.puede(.verTodosLosServidores) || a.servidorID != nil {
            items.append((a.puede(.verTodosLosServidores) ? "Servidores" : "Mi equipo", "/servidores"))
        }
        if a.puede(.verEstructura) { items.append(("Estructura", "/estructura/dependencias")) }
        if a.puede(.gestionarEDL) || a.puede(.verEDL) || a.servidorID != nil { items.append(("Evaluación (EDL)", "/edl")) }
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
