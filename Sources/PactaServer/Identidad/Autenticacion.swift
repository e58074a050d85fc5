import Crypto
import Fluent
import Foundation
import Vapor

enum Tokens {
    /// A random URL-safe token of 32 bytes.
    static func nuevo() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ s: String) -> String {
        SHA256.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Constant-time comparison, for CSRF tokens.
    static func iguales(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// API: `Authorization: Bearer <token>`; the token's hash is looked up, expired ones are ignored.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = Tokens.sha256(bearer.token)
        guard let token = try await ApiToken.query(on: request.db).filter(\.$tokenHash == hash).with(\.$usuario).first(),
              token.expira > Date(), token.usuario.activo else { return }
        request.auth.login(token.usuario)
    }
}

/// Web pages: without a session, go to the sign-in page; with a temporary password, change it first.
struct RequireWebUserMiddleware: AsyncMiddleware {
    static let duracionSesion: TimeInterval = 8 * 60 * 60
    static let claveInicio = "inicio"
    /// A fingerprint of the password the session was opened with: a change of password ends every other session.
    static let claveCredencial = "credencial"

    static func huella(_ passwordHash: String) -> String { String(Tokens.sha256("sesion:" + passwordHash).prefix(32)) }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let u = request.auth.get(Usuario.self), u.activo else { throw PactaError.noAutenticado }
        let inicio = request.session.data[Self.claveInicio].flatMap(Double.init) ?? 0
        if Date().timeIntervalSince1970 - inicio > Self.duracionSesion
            || request.session.data[Self.claveCredencial] != Self.huella(u.passwordHash) {
            request.auth.logout(Usuario.self)
            request.session.destroy()
            throw PactaError.noAutenticado
        }
        if u.debeCambiarContrasena && request.url.path != "/cuenta/contrasena" && request.url.path != "/salir" {
            return request.redirect(to: "/cuenta/contrasena")
        }
        return try await next.respond(to: request)
    }
}

struct RequireAPIUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let u = request.auth.get(Usuario.self), u.activo else { throw PactaError.noAutenticado }
        return try await next.respond(to: request)
    }
}

/// Every state-changing form carries the session's token in `_csrf`.
struct CSRFMiddleware: AsyncMiddleware {
    static let clave = "csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let esperado = Self.token(request)
        if request.method != .GET && request.method != .HEAD {
            // Over a real network a large form (an uploaded file) arrives in pieces: gather it first.
            if request.body.data == nil {
                _ = try await request.body.collect(max: 20 * 1024 * 1024).get()
            }
            struct Formulario: Decodable { let _csrf: String? }
            var enviado: String?
            do {
                enviado = try request.content.decode(Formulario.self)._csrf
            } catch let e as PactaError where e.status == .badRequest {
                throw e  // a malformed multipart body: say so rather than blame the token
            } catch {
                enviado = nil
            }
            enviado = enviado ?? request.headers.first(name: "X-CSRF-Token")
            guard let enviado, Tokens.iguales(enviado, esperado) else {
                throw PactaError(status: .forbidden,
                                 mensaje: "El formulario venció o no proviene de Pacta. Vuelva a cargar la página e inténtelo de nuevo.")
            }
        }
        return try await next.respond(to: request)
    }

    /// The session's token, created on first use.
    static func token(_ req: Request) -> String {
        if let t = req.session.data[clave] { return t }
        let t = Tokens.nuevo()
        req.session.data[clave] = t
        return t
    }
}
