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
        static func cambios(_ app: Application, _ f: Fixture, _ n: Int = 3, desde: Int = 1) async throws {
            for i in desde..<(desde + n) {
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

        // MARK: - Keys and anchors (the audit survives a rewrite)

        /// Runs `pacta audit <accion>` as cron or an operator would.
        static func pacta(_ app: Application, _ accion: String) async throws {
            var ctx = CommandContext(console: app.console, input: CommandInput(arguments: ["pacta", accion]))
            ctx.application = app
            try await app.console.run(AuditCommand(), with: ctx)
        }

        static func entradas(_ app: Application) async throws -> [AuditEntry] {
            try await AuditEntry.query(on: app.db).sort(\.$secuencia).all()
        }

        static func descripciones(_ app: Application) async throws -> [String] {
            try await AuditLog.verificar(on: app.db).hallazgos.map(\.descripcion)
        }

        /// Plain SHA-256 over the content, what anyone can compute.
        static let sha256: @Sendable (EntradaAuditoria) -> String = { AuditLog.hash(CadenaAuditoria.contenido($0)) }

        /// Someone with the database: edits entry `desde` and re-chains it and every later entry to the end,
        /// each hash made by `sellar`, each key id set by `clave`.
        static func reescribir(_ app: Application, desde: Int, clave: (String?) -> String? = { $0 },
                               sellar: (EntradaAuditoria) -> String) async throws {
            var anterior = try await AuditEntry.query(on: app.db).filter(\.$secuencia == desde - 1).first()?.hash ?? CadenaAuditoria.genesis
            for e in try await entradas(app) where e.secuencia >= desde {
                if e.secuencia == desde { e.despues = #"{"codigo":"D2","nombre":"Otra cosa"}"# }
                e.clave = clave(e.clave)
                e.hashAnterior = anterior
                e.hash = sellar(e.entrada)
                try await e.update(on: app.db)
                anterior = e.hash
            }
        }

        /// Someone with the database: appends an entry that links to the last one, with key id `clave`.
        static func falsificar(_ app: Application, clave: String?, sellar: (EntradaAuditoria) -> String) async throws {
            let ultima = try #require(try await entradas(app).last)
            let e = AuditEntry()
            e.secuencia = ultima.secuencia + 1
            e.momentoMs = ultima.momentoMs + 1000
            e.entidadID = ultima.entidadID
            e.usuarioID = ultima.usuarioID
            e.actor = ultima.actor
            e.accion = "eliminar"
            e.tipoRegistro = "dependencia"
            e.registroID = ultima.registroID
            e.hashAnterior = ultima.hash
            e.clave = clave
            e.busqueda = ""
            e.hash = ""
            e.hash = sellar(e.entrada)
            try await e.create(on: app.db)
        }

        static func borrar(_ app: Application, desde: Int) async throws {
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.delete(from: "audit_log").where("secuencia", .greaterThanOrEqual, desde).run()
        }

        static var hoy: String { Fecha.desde(Date(), zona: Fecha.zonaColombia).texto }
        static func alterada(_ n: Int) -> String { "La entrada \(n) fue alterada: su contenido no coincide con su hash." }
        static func sinClave(_ n: Int, desde: Int = 1) -> String {
            "La entrada \(n) no está firmada con una clave, y desde la entrada \(desde) todas deben estarlo."
        }
        static func truncado(_ n: Int, ultima: Int) -> String {
            "El registro fue truncado: la entrada \(n), anclada el \(hoy), ya no existe; la última entrada es la \(ultima)."
        }

        @Test func entriesAreSignedWithTheKeyOutsideTheDatabase() async throws {
            try await withPacta { app in
                // setup
                let f = try await Fixture.crear(app)
                // MUT
                try await Self.cambios(app, f)
                // validate
                let llavero = try await app.auditStores.claves.llavero(cabeza: { 0 })
                let e = try await Self.entradas(app)
                #expect(e.map(\.clave) == Array(repeating: llavero.actual.id, count: 3))
                #expect(llavero.firmadasDesde == 1)
                for x in e {
                    #expect(x.hash == AuditLog.firma(llavero.actual, CadenaAuditoria.contenido(x.entrada)))
                    #expect(x.hash != Self.sha256(x.entrada))
                }
            }
        }

        @Test func deletingTheLastEntryAfterAnAnchorIsReportedAsTruncation() async throws {
            try await withPacta { app in
                // setup
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f)
                try await Self.pacta(app, "anchor")
                let limpio = try await AuditLog.verificar(on: app.db)
                #expect(limpio.hallazgos.isEmpty && limpio.anclas == 1 && limpio.revisadas == 3)
                // MUT
                try await Self.borrar(app, desde: 3)
                // validate: the chain that is left is whole; only the anchor knows there was a 3.
                #expect(try await Self.descripciones(app) == [Self.truncado(3, ultima: 2)])
                await #expect(throws: ExitCode.self) { try await Self.pacta(app, "verify") }
                let api = try await app.get("/api/v1/auditoria/verificacion", token: f.token("oci")).json(AuditoriaAPI.VerificacionDTO.self)
                #expect(!api.integra && api.hallazgos == [Self.truncado(3, ultima: 2)])
            }
        }

        @Test func deletingTheLastFiveEntriesIsReportedAsTruncation() async throws {
            try await withPacta { app in
                // setup
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f, 8)
                try await Self.pacta(app, "anchor")
                // MUT
                try await Self.borrar(app, desde: 4)
                // validate
                #expect(try await Self.descripciones(app) == [Self.truncado(8, ultima: 3)])
                // Anchoring the shortened log does not hide it, nor does writing past the old head later.
                try await Self.pacta(app, "anchor")
                #expect(try await Self.descripciones(app) == [Self.truncado(8, ultima: 3)])
                try await Self.cambios(app, f, 6, desde: 20)
                #expect(try await Self.descripciones(app) == ["La entrada 8 no coincide con su ancla del \(Self.hoy): fue reescrita."])
            }
        }

        @Test func rewritingARowAndRechainingToTheEndWithoutTheKeyIsDetected() async throws {
            try await withPacta { app in
                // setup
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f, 5)
                // MUT: plain SHA-256 over the content that names the key, as with the old chain.
                try await Self.reescribir(app, desde: 2, sellar: Self.sha256)
                // validate
                #expect(try await Self.descripciones(app) == (2...5).map(Self.alterada))
                // MUT: passing the entries off as written before the keys.
                try await Self.reescribir(app, desde: 2, clave: { _ in nil }, sellar: Self.sha256)
                // validate
                #expect(try await Self.descripciones(app) == (2...5).map { Self.sinClave($0) })
            }
        }

        @Test func rewritingWithAWrongKeyIsDetectedAndSoIsAnAnchoredHead() async throws {
            try await withPacta { app in
                // setup
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f, 5)
                try await Self.pacta(app, "anchor")
                let otra = AuditKeyRing.claveNueva(ids: [])
                // MUT: the right key id, a key of the right shape, not the one in the file.
                try await Self.reescribir(app, desde: 2, sellar: { AuditLog.firma(otra, CadenaAuditoria.contenido($0)) })
                // validate
                #expect(try await Self.descripciones(app)
                    == (2...5).map(Self.alterada) + ["La entrada 5 no coincide con su ancla del \(Self.hoy): fue reescrita."])
            }
        }

        @Test func anAppendedEntryWithACorrectHashIsDetected() async throws {
            try await withPacta { app in
                // setup
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f)
                let actual = try await app.auditStores.claves.llavero(cabeza: { 0 }).actual.id
                let casos: [(String?, String)] = [
                    (nil, Self.sinClave(4)),
                    (actual, Self.alterada(4)),
                    ("20260101-beef", "La entrada 4 está firmada con una clave desconocida («20260101-beef»)."),
                ]
                for (clave, hallazgo) in casos {
                    // MUT
                    try await Self.falsificar(app, clave: clave, sellar: Self.sha256)
                    // validate: it links to the chain and its SHA-256 is right, but it is not signed.
                    let falsa = try #require(try await Self.entradas(app).last)
                    #expect(falsa.secuencia == 4 && falsa.hash == Self.sha256(falsa.entrada))
                    #expect(try await Self.descripciones(app) == [hallazgo])
                    await #expect(throws: ExitCode.self) { try await Self.pacta(app, "verify") }
                    try await Self.borrar(app, desde: 4)
                }
                #expect(try await Self.descripciones(app) == [])
            }
        }

        @Test func entriesBeforeAndAfterAKeyRotationVerify() async throws {
            try await withPacta { app in
                // setup
                let f = try await Fixture.crear(app)
                try await Self.cambios(app, f, 2)
                try await Self.pacta(app, "anchor")
                // MUT
                try await Self.pacta(app, "rotate-key")
                try await Self.cambios(app, f, 2, desde: 10)
                try await Self.pacta(app, "anchor")
                // validate
                let llavero = try await app.auditStores.claves.llavero(cabeza: { 0 })
                #expect(llavero.claves.count == 2)
                let (k1, k2) = (llavero.claves[0].id, llavero.claves[1].id)
                #expect(k1 != k2)
                #expect(try await Self.entradas(app).map(\.clave) == [k1, k1, k2, k2])
                let r = try await AuditLog.verificar(on: app.db)
                #expect(r.hallazgos.isEmpty && r.revisadas == 4 && r.anclas == 2)
                try await Self.pacta(app, "verify")
                // Moving an entry to the other key is an edit.
                let primera = try #require(try await Self.entradas(app).first)
                primera.clave = k2
                try await primera.update(on: app.db)
                #expect(try await Self.descripciones(app) == [Self.alterada(1)])
            }
        }

        @Test func entriesFromBeforeTheKeysVerifyOnlyBelowTheBoundary() async throws {
            try await withPacta { app in
                // setup: two entries written by the unkeyed version (plain SHA-256, no key id).
                let f = try await Fixture.crear(app)
                var anterior = CadenaAuditoria.genesis
                for i in 1...2 {
                    let e = AuditEntry()
                    e.secuencia = i
                    e.momentoMs = 1_767_225_600_000 + Int64(i)
                    e.actor = "sistema"
                    e.accion = "crear"
                    e.tipoRegistro = "dependencia"
                    e.registroID = "anterior-\(i)"
                    e.hashAnterior = anterior
                    e.busqueda = ""
                    e.hash = ""
                    e.hash = Self.sha256(e.entrada)
                    try await e.create(on: app.db)
                    anterior = e.hash
                }
                // MUT: the first keyed write makes the ring, with the boundary after them.
                try await Self.cambios(app, f, 2)
                // validate
                #expect(try await app.auditStores.claves.llavero(cabeza: { 0 }).firmadasDesde == 3)
                #expect(try await Self.entradas(app).map { $0.clave == nil } == [true, true, false, false])
                let r = try await AuditLog.verificar(on: app.db)
                #expect(r.hallazgos.isEmpty && r.revisadas == 4)
                // MUT: an entry past the boundary passed off as unkeyed.
                try await Self.reescribir(app, desde: 4, clave: { _ in nil }, sellar: Self.sha256)
                // validate
                #expect(try await Self.descripciones(app) == [Self.sinClave(4, desde: 3)])
            }
        }

        @Test func theKeyAndAnchorFilesAreKeptOutsideTheDatabaseAndCheckedWhenRead() async throws {
            let carpeta = FileManager.default.temporaryDirectory.appendingPathComponent("pacta-auditoria-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: carpeta) }
            try await withPacta(sqliteDirectory: carpeta) { app in
                // setup
                let claves = carpeta + "/auditoria.claves", anclas = carpeta + "/auditoria.anclas"
                #expect(try app.auditStores.claves.archivo == claves)
                #expect(!FileManager.default.fileExists(atPath: claves))
                let f = try await Fixture.crear(app)
                // MUT
                try await Self.cambios(app, f)
                // validate: made on first need, readable only by its owner, the boundary at the first entry.
                let permisos = try FileManager.default.attributesOfItem(atPath: claves)[.posixPermissions] as? NSNumber
                #expect(permisos?.intValue == 0o600)
                let texto = try String(contentsOfFile: claves, encoding: .utf8)
                let llavero = try LlaveroAuditoria.leer(texto)
                #expect(llavero.firmadasDesde == 1 && llavero.claves.count == 1)
                #expect(texto.contains("\ndesde 1\n\(llavero.actual.id) "))
                #expect(try await Self.entradas(app).allSatisfy { $0.clave == llavero.actual.id })

                // MUT: an anchor, then its line edited to say the log was shorter.
                try await Self.pacta(app, "anchor")
                let linea = try String(contentsOfFile: anclas, encoding: .utf8)
                let cabeza = try await Self.entradas(app)[2].hash
                #expect(linea.hasPrefix("ancla ") && linea.contains(" secuencia=3 hash=\(cabeza) clave=\(llavero.actual.id) firma="))
                #expect(linea.filter { $0 == "\n" }.count == 1)
                #expect(try await Self.descripciones(app) == [])
                try linea.replacingOccurrences(of: "secuencia=3 hash=", with: "secuencia=2 hash=").write(toFile: anclas, atomically: true, encoding: .utf8)
                // validate
                #expect(try await Self.descripciones(app)
                    == ["El ancla de la línea 1 (entrada 2, \(Self.hoy)) no tiene una firma válida: el archivo de anclas fue modificado."])
                try (linea + "esto no es un ancla\n").write(toFile: anclas, atomically: true, encoding: .utf8)
                #expect(try await Self.descripciones(app) == ["La línea 2 del archivo de anclas no es un ancla: el archivo fue modificado."])
                try linea.write(toFile: anclas, atomically: true, encoding: .utf8)

                // MUT: a key added to the file by another instance (`pacta audit rotate-key` elsewhere).
                let nueva = AuditKeyRing.claveNueva(ids: [llavero.actual.id])
                let mano = try FileHandle(forWritingTo: URL(fileURLWithPath: claves))
                mano.seekToEndOfFile()
                mano.write(Data(LlaveroAuditoria.linea(nueva).utf8))
                try mano.close()
                try await Self.cambios(app, f, 1, desde: 10)
                // validate: the next entry is signed with it, and everything verifies.
                #expect(try await Self.entradas(app).last?.clave == nueva.id)
                #expect(try await Self.descripciones(app) == [])

                // MUT: rotation through the command keeps the mode and the older keys.
                try await Self.pacta(app, "rotate-key")
                // validate
                let rotado = try LlaveroAuditoria.leer(String(contentsOfFile: claves, encoding: .utf8))
                #expect(rotado.claves.count == 3 && Array(rotado.claves.prefix(2)) == [llavero.actual, nueva])
                let permisosDespues = try FileManager.default.attributesOfItem(atPath: claves)[.posixPermissions] as? NSNumber
                #expect(permisosDespues?.intValue == 0o600)
            }
        }
    }
}
