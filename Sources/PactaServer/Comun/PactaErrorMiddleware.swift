import FluentKit
import Foundation
import Leaf
import NIOCore
import NIOPosix
import PostgresNIO
import Vapor

/// Turns every error into a Spanish answer: JSON under /api, an HTML page elsewhere.
/// A person's mistake is a 4xx with its message; anything unexpected is a 500 that is logged
/// and shown without internals.
struct PactaErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await respuesta(para: error, request)
        }
    }

    static func traducir(_ error: any Error) -> (HTTPResponseStatus, String, [String: String]) {
        if baseNoDisponible(error) {
            return (.serviceUnavailable, Self.mensajeNoDisponible, [:])
        }
        switch error {
        case let e as PactaError:
            return (e.status, e.mensaje, e.campos)
        case let e as DecodingError:
            return (.badRequest, "Los datos enviados no son válidos: \(describir(e))", [:])
        case let e as any DatabaseError where e.isConstraintFailure:
            // Two people saving the same thing at once: the database kept its rules; ask to retry.
            return (.conflict, "Otra persona guardó un registro igual al mismo tiempo. Recargue la página y vuelva a intentarlo.", [:])
        case let e as ValidationsError:
            return (.badRequest, "Los datos enviados no son válidos: \(e.description)", [:])
        case let e as any AbortError:
            let mensaje: String
            switch e.status {
            case .notFound: mensaje = "La página o el recurso solicitado no existe."
            case .unauthorized: mensaje = "Debe iniciar sesión."
            case .forbidden: mensaje = "No tiene permiso para realizar esta acción."
            case .payloadTooLarge: mensaje = "El archivo o los datos enviados superan el tamaño permitido."
            case .unsupportedMediaType: mensaje = "El formato de los datos enviados no es compatible; use JSON o un formulario."
            case .methodNotAllowed: mensaje = "Esta dirección no admite ese método."
            case .badRequest: mensaje = "La solicitud no es válida."
            default: mensaje = e.status.code < 500 ? "La solicitud no es válida." : "Ocurrió un error inesperado."
            }
            return (e.status, mensaje, [:])
        case let e where String(reflecting: type(of: e)).hasPrefix("MultipartKit."):
            // A malformed multipart body (no parts, a broken boundary) is the sender's mistake.
            return (.badRequest, "El formulario con archivos (multipart) está mal formado o vacío.", [:])
        default:
            return (.internalServerError, "Ocurrió un error inesperado. Se registró para revisión.", [:])
        }
    }

    static let mensajeNoDisponible = "El servicio no está disponible, intente de nuevo en unos segundos."

    /// Whether the error says the database cannot be reached right now (stopped, restarting, the network
    /// between them down, every connection busy past the timeout) rather than that a request was wrong.
    static func baseNoDisponible(_ error: any Error) -> Bool {
        switch error {
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is NIOConnectionError, is ChannelError:
            return true
        case let e as IOError:
            return [ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH].contains(e.errnoCode)
        case let e as PSQLError:
            switch e.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                // 08…: connection exceptions; 57P01–57P03: the server is shutting down, crashed or starting up.
                let estado = e.serverInfo?[.sqlState] ?? ""
                return estado.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(estado)
            default:
                return false
            }
        default:
            return false
        }
    }

    static func describir(_ e: DecodingError) -> String {
        func ruta(_ path: [any CodingKey]) -> String { path.map(\.stringValue).filter { !$0.isEmpty }.joined(separator: ".") }
        switch e {
        case .keyNotFound(let key, let ctx):
            let p = ruta(ctx.codingPath + [key])
            return "falta el campo «\(p)»."
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return "el campo «\(ruta(ctx.codingPath))» tiene un tipo o valor incorrecto."
        case .dataCorrupted(let ctx):
            let p = ruta(ctx.codingPath)
            return p.isEmpty ? "el cuerpo no es un documento JSON o formulario bien formado." : "el campo «\(p)» tiene un valor incorrecto."
        @unknown default:
            return "formato incorrecto."
        }
    }

    func respuesta(para error: any Error, _ req: Request) async -> Response {
        let (status, mensaje, campos) = Self.traducir(error)
        if status == .internalServerError {
            req.logger.report(error: error)
        }
        let esAPI = req.url.path.hasPrefix("/api/") || req.url.path == "/health" || req.url.path == "/metrics"
        if status == .serviceUnavailable {
            req.logger.warning("Base de datos no disponible: \(String(reflecting: error))")
        }
        if esAPI {
            let res = Response(status: status)
            try? res.content.encode(ErrorDTO(error: true, codigo: status.code, mensaje: mensaje, campos: campos.isEmpty ? nil : campos))
            if status == .unauthorized { res.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            if status == .serviceUnavailable { res.headers.replaceOrAdd(name: .retryAfter, value: "5") }
            return res
        }
        if status == .unauthorized {
            let siguiente = req.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return req.redirect(to: "/ingresar?siguiente=\(siguiente)")
        }
        struct Contexto: Encodable { let codigo: UInt; let titulo: String; let mensaje: String; let layout: Layout? }
        let titulo: String
        switch status.code {
        case 404: titulo = "No encontrado"
        case 403: titulo = "Acceso no permitido"
        case 400..<500: titulo = "No se pudo completar la solicitud"
        case 503: titulo = "Servicio no disponible"
        default: titulo = "Error del sistema"
        }
        // Without the database the layout (account, menu) cannot be read: the page goes without it.
        let layout = status == .serviceUnavailable ? nil : try? await Layout.make(req, titulo: titulo)
        do {
            let view = try await req.view.render("error", Contexto(codigo: status.code, titulo: titulo, mensaje: mensaje, layout: layout))
            let res = try await view.encodeResponse(status: status, for: req)
            if status == .serviceUnavailable { res.headers.replaceOrAdd(name: .retryAfter, value: "5") }
            return res
        } catch {
            req.logger.report(error: error)
            let res = Response(status: status, body: .init(string: "\(titulo): \(mensaje)"))
            res.headers.contentType = .plainText
            return res
        }
    }
}

struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: request)
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        // Pages, API answers and exports carry people's data: no browser or proxy keeps a copy.
        // Only the public stylesheets may be cached.
        if !request.url.path.hasPrefix("/css/") {
            res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        res.headers.replaceOrAdd(name: "Content-Security-Policy",
                                 value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'")
        return res
    }
}
