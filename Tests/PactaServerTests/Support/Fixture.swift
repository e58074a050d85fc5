import Fluent
import Foundation
import PactaCore
import Vapor
@testable import PactaServer

/// Two entities. In A: a jefe with one person under them, an unrelated servant, and one account per role.
/// In B: one servant and an administrator. Tests prove nobody crosses those lines.
struct Fixture {
    static let contrasena = "clave-de-prueba-123"

    let entidadA: Entidad
    let entidadB: Entidad
    let dependenciaA: Dependencia
    let dependenciaA2: Dependencia
    let dependenciaB: Dependencia
    let empleoA: Empleo
    let jefe: Servidor
    let evaluado: Servidor
    let otro: Servidor
    let servidorB: Servidor
    let usuarios: [String: Usuario]
    let tokens: [String: String]

    static func crear(_ app: Application) async throws -> Fixture {
        let db = app.db
        let hash = try app.password.hash(contrasena)
        let a = Entidad(nombre: "Entidad A", sigla: "EA")
        let b = Entidad(nombre: "Entidad B", sigla: "EB")
        try await a.create(on: db)
        try await b.create(on: db)
        let depA = Dependencia(entidadID: a.id!, codigo: "100", nombre: "Despacho", tipo: .despacho)
        try await depA.create(on: db)
        let depA2 = Dependencia(entidadID: a.id!, codigo: "AL01", nombre: "Alcaldía Local de Suba", tipo: .alcaldiaLocal, padreID: depA.id)
        try await depA2.create(on: db)
        let depB = Dependencia(entidadID: b.id!, codigo: "100", nombre: "Despacho B", tipo: .despacho)
        try await depB.create(on: db)
        let empleo = Empleo(entidadID: a.id!, denominacion: "Profesional Universitario", codigo: "219", grado: "11", nivel: .profesional)
        try await empleo.create(on: db)
        let jefe = Servidor(entidadID: a.id!, documento: "1001", nombres: "Julia", apellidos: "Jefe", correo: "julia@a.gov.co",
                            tipoVinculacion: .libreNombramiento, fechaPosesion: Fecha(2020, 1, 15), empleoID: nil, dependenciaID: depA.id, jefeID: nil)
        try await jefe.create(on: db)
        let evaluado = Servidor(entidadID: a.id!, documento: "1002", nombres: "Eva", apellidos: "Evaluada", correo: "eva@a.gov.co",
                                tipoVinculacion: .carrera, fechaPosesion: Fecha(2021, 3, 1), empleoID: empleo.id, dependenciaID: depA.id, jefeID: jefe.id)
        try await evaluado.create(on: db)
        let otro = Servidor(entidadID: a.id!, documento: "1003", nombres: "Omar", apellidos: "Otro", correo: nil,
                            tipoVinculacion: .provisional, fechaPosesion: nil, empleoID: empleo.id, dependenciaID: depA2.id, jefeID: nil)
        try await otro.create(on: db)
        let sb = Servidor(entidadID: b.id!, documento: "2001", nombres: "Beto", apellidos: "Ajeno", correo: nil,
                          tipoVinculacion: .carrera, fechaPosesion: nil, empleoID: nil, dependenciaID: depB.id, jefeID: nil)
        try await sb.create(on: db)

        var usuarios: [String: Usuario] = [:]
        var tokens: [String: String] = [:]
        func cuenta(_ clave: String, _ entidad: Entidad, _ rol: Rol, _ servidor: Servidor? = nil) async throws {
            let u = Usuario(entidadID: entidad.id!, nombreUsuario: clave, nombre: clave.capitalized, passwordHash: hash, rol: rol, servidorID: servidor?.id)
            try await u.create(on: db)
            let token = Tokens.nuevo()
            try await ApiToken(usuarioID: u.id!, tokenHash: Tokens.sha256(token), nombre: "prueba", expira: Date().addingTimeInterval(3600)).create(on: db)
            usuarios[clave] = u
            tokens[clave] = token
        }
        try await cuenta("admin", a, .administrador)
        try await cuenta("th", a, .talentoHumano)
        try await cuenta("oap", a, .planeacion)
        try await cuenta("oci", a, .controlInterno)
        try await cuenta("jefe", a, .servidor, jefe)
        try await cuenta("evaluado", a, .servidor, evaluado)
        try await cuenta("adminb", b, .administrador)
        return Fixture(entidadA: a, entidadB: b, dependenciaA: depA, dependenciaA2: depA2, dependenciaB: depB, empleoA: empleo,
                       jefe: jefe, evaluado: evaluado, otro: otro, servidorB: sb, usuarios: usuarios, tokens: tokens)
    }

    func token(_ clave: String) -> String { tokens[clave]! }
}
