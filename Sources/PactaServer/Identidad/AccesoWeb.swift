import Fluent
import Foundation
import Vapor

enum AccesoWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get("ingresar", use: formulario)
        r.post("ingresar", use: ingresar)
        r.post("salir", use: salir)
        let privada = r.grouped(RequireWebUserMiddleware())
        privada.get("cuenta", "contrasena", use: formularioContrasena)
        privada.post("cuenta", "contrasena", use: cambiarContrasena)
    }

    struct Contexto: Encodable { let siguiente: String; let nombreUsuario: String; let error: String? }

    /// Only local paths are followed after sign-in, never another site.
    static func destinoSeguro(_ s: String?) -> String {
        guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.hasPrefix("/\\"),
              !s.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" || $0 == "%" }),
              let c = URLComponents(string: s), c.scheme == nil, c.host == nil else { return "/" }
        return s
    }

    @Sendable static func formulario(req: Request) async throws -> Response {
        if req.auth.has(Usuario.self) { return req.redirect(to: "/") }
        return try await req.pagina("ingresar", "Ingresar", Contexto(siguiente: destinoSeguro(req.query["siguiente"]), nombreUsuario: "", error: nil))
    }

    @Sendable static func ingresar(req: Request) async throws -> Response {
        struct Form: Content { var nombreUsuario: String?; var contrasena: String?; var siguiente: String? }
        let f = try req.content.decode(Form.self)
        do {
            let u = try await Acceso.autenticar(nombreUsuario: f.nombreUsuario ?? "", contrasena: f.contrasena ?? "", ip: Acceso.ip(req), on: req)
            // A fresh session id on sign-in prevents session fixation.
            if let anterior = req.session.id {
                try await SesionesEnBaseDeDatos().deleteSession(anterior, for: req)
                req.session.id = nil
            }
            req.session.data[CSRFMiddleware.clave] = Tokens.nuevo()
            req.session.data[RequireWebUserMiddleware.claveInicio] = String(Date().timeIntervalSince1970)
            req.session.data[RequireWebUserMiddleware.claveCredencial] = RequireWebUserMiddleware.huella(u.passwordHash)
            req.auth.login(u)
            return req.redirect(to: u.debeCambiarContrasena ? "/cuenta/contrasena" : destinoSeguro(f.siguiente))
        } catch let e as PactaError {
            return try await req.pagina("ingresar", "Ingresar",
                                        Contexto(siguiente: destinoSeguro(f.siguiente), nombreUsuario: f.nombreUsuario ?? "", error: e.mensaje),
                                        status: e.status == .tooManyRequests ? .tooManyRequests : .unauthorized)
        }
    }

    @Sendable static func salir(req: Request) async throws -> Response {
        req.auth.logout(Usuario.self)
        req.session.destroy()
        return req.redirect(to: "/ingresar")
    }

    struct ContextoContrasena: Encodable { let obligatorio: Bool; let errores: [String: String]; let mensaje: String? }

    @Sendable static func formularioContrasena(req: Request) async throws -> Response {
        let u = try req.auth.require(Usuario.self)
        return try await req.pagina("contrasena", "Cambiar contraseña", ContextoContrasena(obligatorio: u.debeCambiarContrasena, errores: [:], mensaje: nil))
    }

    @Sendable static func cambiarContrasena(req: Request) async throws -> Response {
        struct Form: Content { var actual: String?; var nueva: String?; var confirmacion: String? }
        let u = try req.auth.require(Usuario.self)
        let f = try req.content.decode(Form.self)
        do {
            try await UsuariosService.cambiarContrasena(u, actual: f.actual ?? "", nueva: f.nueva ?? "", confirmacion: f.confirmacion ?? "", req: req)
            // This session goes on with the new password; the account's other sessions end at their next request.
            req.session.data[RequireWebUserMiddleware.claveCredencial] = RequireWebUserMiddleware.huella(u.passwordHash)
            req.avisar("Su contraseña quedó actualizada.")
            return req.redirect(to: "/")
        } catch let e as PactaError {
            return try await req.pagina("contrasena", "Cambiar contraseña",
                                        ContextoContrasena(obligatorio: u.debeCambiarContrasena, errores: e.campos, mensaje: e.campos.isEmpty ? e.mensaje : nil),
                                        status: e.status)
        }
    }
}
