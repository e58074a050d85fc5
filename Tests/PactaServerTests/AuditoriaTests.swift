import Fluent
import Foundation
import PactaCore
import SQLKit
import Spreadsheet
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

extension ServerTests {
    @Suite struct AuditoriaTests {
        /// Makes a few audited changes through the API.
        static func cambios(_ app: Application, _ f: Fixture) async throws {
            for i in 1...3 {
                let r = try await app.sendJSON(.POST, "/api/v1/dependencias", token: f.token("th"), json: ["codigo": "D\(i)", "nombre": "Dep \(i)", "tipo": "oficina"])
                #expect(r.status == .created)
            }
        }

        @Test func intactChainVerifies() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f)
                let r = try await AuditLog.verificar(on: app.db)
                #expect(r.revisadas == 3)
                #expect(r.hallazgos.isEmpty)
                let api = try await app.get("/api/v1/auditoria/verificacion", token: f.token("oci")).json(AuditoriaAPI.VerificacionDTO.self)
                #expect(api.integra && api.revisadas == 3)
            }
        }

        @Test func anEditedRowIsDetected() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f)
                // Someone with database access rewrites history.
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.update("audit_log").set("despues", to: "{\"codigo\":\"D2\",\"nombre\":\"Otra cosa\"}").where("secuencia", .equal, 2).run()
                let r = try await AuditLog.verificar(on: app.db)
                #expect(r.hallazgos.map(\.secuencia) == [2])
                #expect(r.hallazgos.first?.descripcion == "La entrada 2 fue alterada: su contenido no coincide con su hash.")
                let api = try await app.get("/api/v1/auditoria/verificacion", token: f.token("admin")).json(AuditoriaAPI.VerificacionDTO.self)
                #expect(!api.integra)
            }
        }

        @Test func aDeletedRowIsDetected() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f)
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.delete(from: "audit_log").where("secuencia", .equal, 2).run()
                let r = try await AuditLog.verificar(on: app.db)
                #expect(r.hallazgos.contains { $0.descripcion == "Falta la entrada 2." })
            }
        }

        @Test func verifyCommandExitsNonZeroOnTampering() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f)
                func verify() async throws {
                    var ctx = CommandContext(console: app.console, input: CommandInput(arguments: ["pacta", "verify"]))
                    ctx.application = app
                    try await app.console.run(AuditCommand(), with: ctx)
                }
                try await verify()
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.update("audit_log").set("actor", to: "otra persona").where("secuencia", .equal, 1).run()
                await #expect(throws: ExitCode.self) { try await verify() }
            }
        }

        @Test func auditListIsScopedToTheEntity() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f)
                _ = try await app.sendJSON(.POST, "/api/v1/dependencias", token: f.token("adminb"), json: ["codigo": "B1", "nombre": "De B", "tipo": "oficina"])
                let a = try await app.get("/api/v1/auditoria", token: f.token("oci")).json(PaginaDTO<AuditEntryDTO>.self)
                #expect(a.total == 3)
                // Search ignores case and accents on both databases.
                let buscada = try await app.get("/api/v1/auditoria?buscar=TH%20CREAR", token: f.token("oci")).json(PaginaDTO<AuditEntryDTO>.self)
                #expect(buscada.total == 3)
                #expect(try await app.get("/api/v1/auditoria?buscar=oap", token: f.token("oci")).json(PaginaDTO<AuditEntryDTO>.self).total == 0)
                #expect(a.items.allSatisfy { $0.despues?.contains("De B") != true })
                let nav = Navegador(app)
                _ = try await nav.ingresar("oci")
                let pagina = try await nav.get("/auditoria")
                #expect(pagina.texto.contains("Dep 3"))
                #expect(!pagina.texto.contains("De B"))
                let xlsx = try await nav.get("/auditoria?formato=xlsx")
                let hoja = try XLSX.read(Data(buffer: xlsx.body))
                #expect(hoja.rows.count == 4)
                #expect(hoja.rows[0].cells[0] == "N.º")
                #expect(hoja.rows[1].cells[0] == "3")
            }
        }
    }
}
