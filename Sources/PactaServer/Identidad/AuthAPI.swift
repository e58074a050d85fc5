import Fluent
import Foundation
import PactaCore
import Vapor

enum AuthAPI {
    static func register(_ r: any RoutesBuilder) {
        r.post("auth", "token", use: crearToken)
        r.grouped(RequireAPIUserMiddleware()).delete("auth", "token", use: revocarToken)
        r.grouped(RequireAPIUserMiddleware()).get("yo", use: yo)
    }

    struct Credenciales: Content {
        var nombreUsuario: String?
        var contrasena: String?
    }

    struct TokenDTO: Content {
        let token: String
        let expira: Date
        let usuario: UsuarioDTO
    }

    @Sendable static func crearToken(req: Request) async throws -> Response {
        let c = try req.content.decode(Credenciales.self)
        let usuario = try await Acceso.autenticar(nombreUsuario: c.nombreUsuario ?? "", contrasena: c.contrasena ?? "", ip: Acceso.ip(req), on: req)
        guard !usuario.debeCambiarContrasena else {
            throw PactaError.prohibido("Su contraseña es temporal: cámbiela en la página «Mi cuenta» antes de usar la API.")
        }
        let token = Tokens.nuevo()
        let expira = Date().addingTimeInterval(60 * 60 * 24 * 30)
        let actor = try Actor(usuario)
        try await req.db.escribir { db in
            let t = ApiToken(usuarioID: usuario.id!, tokenHash: Tokens.sha256(token), nombre: "API", expira: expira)
            try await t.create(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "emitir token de API", tipo: "api_token", id: t.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["expira": ISO8601DateFormatter().string(from: expira)])
        }
        return try await TokenDTO(token: token, expira: expira, usuario: UsuarioDTO(usuario)).encodeResponse(status: .created, for: req)
    }

    @Sendable static func revocarToken(req: Request) async throws -> HTTPStatus {
        guard let bearer = req.headers.bearerAuthorization else { throw PactaError.noAutenticado }
        let actor = try req.actor()
        try await req.db.escribir { db in
            guard let t = try await ApiToken.query(on: db).filter(\.$tokenHash == Tokens.sha256(bearer.token)).first() else { return }
            try await t.delete(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "revocar token de API", tipo: "api_token", id: t.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: Optional<Nada>.none)
        }
        return .noContent
    }

    @Sendable static func yo(req: Request) async throws -> UsuarioDTO {
        guard let u = req.auth.get(Usuario.self) else { throw PactaError.noAutenticado }
        return UsuarioDTO(u)
    }
}

struct UsuarioDTO: Content, Equatable {
    let id: UUID
    let nombreUsuario: String
    let nombre: String
    let rol: Rol
    let entidadId: UUID
    let servidorId: UUID?
    let activo: Bool

    init(_ u: Usuario) {
        id = u.id!
        nombreUsuario = u.nombreUsuario
        nombre = u.nombre
        rol = u.rol
        entidadId = u.$entidad.id
        servidorId = u.$servidor.id
        activo = u.activo
    }
}
