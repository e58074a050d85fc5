import Foundation
import Testing
@testable import PactaCore

/// Builders for the rows a spreadsheet reader hands to `Importacion.validar`.
private enum Hoja {
    /// The servidores columns in the order `encabezadoServidores` lists them.
    static let clavesServidores = ["documento", "tipo_documento", "nombres", "apellidos", "correo", "tipo_vinculacion", "fecha_posesion",
                                   "denominacion", "codigo_empleo", "grado", "nivel", "dependencia", "jefe_documento", "derechos_de_carrera"]
    static let encabezadoServidores = ["Documento", "Tipo de documento", "Nombres", "Apellidos", "Correo", "Tipo de vinculación",
                                       "Fecha de posesión", "Denominación del empleo", "Código del empleo", "Grado", "Nivel jerárquico",
                                       "Código dependencia", "Documento del jefe inmediato",
                                       "Derechos de carrera en otro empleo (período de prueba por ascenso)"]
    static let encabezadoDependencias = ["Código", "Nombre", "Tipo", "Código dependencia superior"]
    static let encabezadoProcesos = ["Código", "Nombre", "Tipo", "Código dependencia líder"]

    /// A valid servant row (career, dependencia 100, no empleo, no jefe) with some cells replaced.
    static func servidor(_ cambios: [String: String] = [:]) -> [String] {
        let base = ["documento": "1020304050", "nombres": "Ana María", "apellidos": "Pérez Gómez",
                    "tipo_vinculacion": "Carrera administrativa", "dependencia": "100"]
        return clavesServidores.map { cambios[$0] ?? base[$0] ?? "" }
    }

    /// Header and data rows on consecutive lines, the header on `linea`.
    static func filas(_ encabezado: [String], _ datos: [[String]], linea: Int = 1) -> [FilaDeArchivo] {
        ([encabezado] + datos).enumerated().map { FilaDeArchivo(linea: linea + $0.offset, celdas: $0.element) }
    }

    static let contexto = ContextoImportacion(codigosDependencia: ["100", "110", "200"], documentosServidor: ["79000001"])
}

private func servidores(_ r: ResultadoImportacion) -> [ServidorImportado] {
    if case .servidores(let s) = r.registros { return s }
    Issue.record("Se esperaban servidores y llegó \(r.registros)")
    return []
}

private func dependencias(_ r: ResultadoImportacion) -> [DependenciaImportada] {
    if case .dependencias(let d) = r.registros { return d }
    Issue.record("Se esperaban dependencias y llegó \(r.registros)")
    return []
}

private func procesos(_ r: ResultadoImportacion) -> [ProcesoImportado] {
    if case .procesos(let p) = r.registros { return p }
    Issue.record("Se esperaban procesos y llegó \(r.registros)")
    return []
}

private func validarServidores(_ datos: [[String]], contexto: ContextoImportacion = Hoja.contexto) -> ResultadoImportacion {
    Importacion.validar(.servidores, filas: Hoja.filas(Hoja.encabezadoServidores, datos), contexto: contexto)
}

// MARK: - Headers and file shape

@Suite("Importación: encabezados y forma del archivo")
struct ImportacionEncabezadosTests {
    @Test("The test helper's servant columns are the catalogue's columns, in order")
    func ayudanteCoincideConElCatalogo() {
        #expect(TipoImportacion.servidores.columnas.map(\.clave) == Hoja.clavesServidores)
        #expect(TipoImportacion.servidores.columnas.map(\.titulo) == Hoja.encabezadoServidores)
    }

    @Test("Aliases are stored already normalised, otherwise they could never match", arguments: TipoImportacion.allCases)
    func aliasNormalizados(tipo: TipoImportacion) {
        for col in tipo.columnas {
            for a in col.alias {
                #expect(Texto.normalizar(a) == a, "alias «\(a)» de \(tipo).\(col.clave)")
            }
        }
    }

    @Test("No header text is claimed by two columns of the same file type", arguments: TipoImportacion.allCases)
    func sinAmbiguedad(tipo: TipoImportacion) {
        var duenos: [String: String] = [:]
        for col in tipo.columnas {
            for nombre in Set([col.clave, col.titulo] + col.alias).map(Texto.normalizar) {
                if let otra = duenos[nombre], otra != col.clave {
                    Issue.record("«\(nombre)» lo reconocen \(otra) y \(col.clave)")
                }
                duenos[nombre] = col.clave
            }
        }
    }

    @Test("Servant headers are recognised regardless of accents, case, punctuation, aliases and order", arguments: [
        ["Número de documento", "NOMBRES", "Apellidos", "Tipo de vinculación", "Código dependencia"],
        ["CÉDULA", "Nombre", "Apellido", "Naturaleza del empleo", "dependencia"],
        ["documento_de_identidad", "  nombres ", "APELLIDOS", "tipo_vinculacion", "Codigo Dependencia"],
        ["Nro. Documento", "Nombres", "Apellidos", "Vinculación", "Dependencia - Código"],
        ["Tipo de vinculación", "Código dependencia", "Apellidos", "Nombres", "No. documento"],
        ["Identificación", "Observaciones", "Nombres", "Apellidos", "TIPO DE NOMBRAMIENTO", "Código dependencia"],
    ])
    func encabezadosServidores(encabezado: [String]) throws {
        let valores: [String: String] = [
            "documento": "1020304050", "nombres": "Ana", "apellidos": "Pérez", "vinculacion": "Provisional", "dependencia": "110",
        ]
        // Each header is put under the value it names, whatever its position; unknown columns get noise.
        let fila = encabezado.map { h -> String in
            let n = Texto.normalizar(h)
            if n.contains("dependencia") { return valores["dependencia"]! }
            if n.contains("vinculacion") || n.contains("naturaleza") || n.contains("nombramiento") { return valores["vinculacion"]! }
            if n.hasPrefix("apellido") { return valores["apellidos"]! }
            if n.hasPrefix("nombre") { return valores["nombres"]! }
            if n.contains("documento") || n == "cedula" || n == "identificacion" { return valores["documento"]! }
            return "texto que se ignora"
        }
        let r = Importacion.validar(.servidores, filas: Hoja.filas(encabezado, [fila]), contexto: Hoja.contexto)
        #expect(r.errores == [])
        let s = try #require(servidores(r).first)
        #expect(s.documento == "1020304050")
        #expect(s.nombres == "Ana")
        #expect(s.apellidos == "Pérez")
        #expect(s.tipoVinculacion == .provisional)
        #expect(s.dependencia == "110")
    }

    @Test("Dependencia and proceso headers are recognised by aliases too")
    func encabezadosDependenciasYProcesos() {
        let d = Importacion.validar(.dependencias,
                                    filas: Hoja.filas(["Cod. Dependencia", "Nombre dependencia", "Tipo dependencia", "Depende de"],
                                                      [["210", "Oficina de Control Interno", "Oficina", "100"]]),
                                    contexto: Hoja.contexto)
        #expect(d.errores == [])
        #expect(dependencias(d) == [.init(linea: 2, codigo: "210", nombre: "Oficina de Control Interno", tipo: .oficina, codigoPadre: "100")])

        let p = Importacion.validar(.procesos,
                                    filas: Hoja.filas(["SIGLA", "Proceso", "Clase", "Responsable"],
                                                      [["GTH", "Gestión del Talento Humano", "Apoyo", "200"]]),
                                    contexto: Hoja.contexto)
        #expect(p.errores == [])
        #expect(procesos(p) == [.init(linea: 2, codigo: "GTH", nombre: "Gestión del Talento Humano", tipo: .apoyo, dependenciaLider: "200")])
    }

    /// Every (file type, mandatory column) pair.
    static let obligatorias: [(TipoImportacion, String)] = TipoImportacion.allCases.flatMap { t in
        t.columnas.filter(\.obligatoria).map { (t, $0.clave) }
    }

    @Test("A missing mandatory column is reported on the header's line, by title, and no record is returned",
          arguments: obligatorias)
    func faltaColumnaObligatoria(tipo: TipoImportacion, clave: String) throws {
        let faltante = try #require(tipo.columnas.first { $0.clave == clave })
        let encabezado = tipo.columnas.filter { $0.clave != clave }.map(\.titulo)
        let datos = [Array(repeating: "x", count: encabezado.count)]
        let r = Importacion.validar(tipo, filas: Hoja.filas(encabezado, datos, linea: 4), contexto: Hoja.contexto)
        #expect(r.errores == [ErrorDeImportacion(linea: 4, columna: faltante.titulo,
                                                  motivo: "Falta la columna obligatoria «\(faltante.titulo)».")])
        #expect(r.registros.cantidad == 0)
        #expect(!r.esValido)
    }

    @Test("Every missing mandatory column is listed, in catalogue order")
    func variasColumnasFaltantes() {
        let r = Importacion.validar(.servidores, filas: Hoja.filas(["Nombres", "Apellidos", "Correo"], [["Ana", "Pérez", ""]]),
                                    contexto: Hoja.contexto)
        #expect(r.errores.map(\.columna) == ["Documento", "Tipo de vinculación", "Código dependencia"])
        #expect(r.errores.allSatisfy { $0.linea == 1 })
    }

    @Test("An empty file is one error on line 1", arguments: TipoImportacion.allCases)
    func archivoVacio(tipo: TipoImportacion) {
        let r = Importacion.validar(tipo, filas: [], contexto: Hoja.contexto)
        #expect(r.errores == [ErrorDeImportacion(linea: 1, columna: "",
                                                  motivo: "El archivo está vacío: debe tener una fila de encabezados y al menos un registro.")])
        #expect(r.registros == Importacion.vacio(tipo))
        #expect(!r.esValido)
    }

    @Test("A file with headers but no records (or only blank ones) says so on the header's line", arguments: TipoImportacion.allCases)
    func soloEncabezados(tipo: TipoImportacion) {
        let encabezado = tipo.columnas.map(\.titulo)
        for datos in [[], [["", " ", "\t"]], [[], Array(repeating: "  ", count: encabezado.count)]] as [[[String]]] {
            let r = Importacion.validar(tipo, filas: Hoja.filas(encabezado, datos, linea: 2), contexto: Hoja.contexto)
            #expect(r.errores == [ErrorDeImportacion(linea: 2, columna: "", motivo: "El archivo no tiene registros debajo de los encabezados.")])
            #expect(r.registros.cantidad == 0)
        }
    }

    @Test("Blank lines between records are skipped and the others keep their own line numbers")
    func lineasEnBlancoSeOmiten() {
        let filas = [
            FilaDeArchivo(linea: 1, celdas: Hoja.encabezadoServidores),
            FilaDeArchivo(linea: 2, celdas: Hoja.servidor(["documento": "11111111"])),
            FilaDeArchivo(linea: 3, celdas: []),
            FilaDeArchivo(linea: 4, celdas: ["", "   ", "\t"]),
            FilaDeArchivo(linea: 6, celdas: Hoja.servidor(["documento": "22222222", "correo": "no-es-correo"])),
            FilaDeArchivo(linea: 7, celdas: Hoja.servidor(["documento": "33333333"])),
        ]
        let r = Importacion.validar(.servidores, filas: filas, contexto: Hoja.contexto)
        #expect(r.errores == [ErrorDeImportacion(linea: 6, columna: "Correo", motivo: "«no-es-correo» no es un correo electrónico válido.")])
        #expect(servidores(r).map(\.linea) == [2, 7])
        #expect(servidores(r).map(\.documento) == ["11111111", "33333333"])
    }

    @Test("Rows shorter than the header read the missing cells as empty")
    func filasCortas() throws {
        let r = validarServidores([["1020304050", "", "Ana", "Pérez", "", "Provisional", "", "", "", "", "", "100"]])
        #expect(r.errores == [])
        #expect(try #require(servidores(r).first).jefeDocumento == nil)
    }

    @Test("The header is the first non-empty row, as documented")
    func encabezadoEsLaPrimeraFilaNoVacia() {
        // Importacion.validar's doc says "the first non-empty row holds the headers", but it takes
        // `filas.first` even when that row is blank, and then reports every mandatory column as missing.
        let filas = [
            FilaDeArchivo(linea: 1, celdas: ["", " "]),
            FilaDeArchivo(linea: 2, celdas: Hoja.encabezadoServidores),
            FilaDeArchivo(linea: 3, celdas: Hoja.servidor()),
        ]
        let r = Importacion.validar(.servidores, filas: filas, contexto: Hoja.contexto)
        #expect(r.errores == [])
        #expect(servidores(r).map(\.linea) == [3])
    }
}

// MARK: - Servidores

@Suite("Importación de servidores")
struct ImportacionServidoresTests {
    @Test("A complete valid row becomes a ServidorImportado with clean values")
    func filaCompleta() {
        let fila = Hoja.servidor([
            "documento": " 1.020.304.050 ", "tipo_documento": "C.C.", "nombres": "  Ana María ", "apellidos": "Pérez Gómez",
            "correo": "Ana.Perez@Entidad.GOV.CO", "tipo_vinculacion": "LNR", "fecha_posesion": "15/03/2024",
            "denominacion": "Profesional Universitario", "codigo_empleo": "219", "grado": "02", "nivel": "Profesional",
            "dependencia": "110", "jefe_documento": "79.000.001",
        ])
        let r = validarServidores([fila])
        #expect(r.esValido)
        #expect(servidores(r) == [ServidorImportado(
            linea: 2, documento: "1020304050", tipoDocumento: .cc, nombres: "Ana María", apellidos: "Pérez Gómez",
            correo: "ana.perez@entidad.gov.co", tipoVinculacion: .libreNombramiento, fechaPosesion: Fecha(2024, 3, 15),
            empleo: .init(denominacion: "Profesional Universitario", codigo: "219", grado: "02", nivel: .profesional),
            dependencia: "110", jefeDocumento: "79000001")])
    }

    @Test("A minimal row leaves tipo de documento, correo, fecha, empleo and jefe empty, so stored values are kept")
    func filaMinima() {
        let r = validarServidores([Hoja.servidor()])
        #expect(r.esValido)
        #expect(servidores(r) == [ServidorImportado(
            linea: 2, documento: "1020304050", tipoDocumento: nil, nombres: "Ana María", apellidos: "Pérez Gómez",
            correo: nil, tipoVinculacion: .carrera, fechaPosesion: nil, empleo: nil, dependencia: "100", jefeDocumento: nil)])
    }

    @Test("Carrera rights of a período de prueba by ascenso are read as Sí or No; blank keeps what is stored", arguments: [
        ("Sí", true as Bool?), ("si", true), ("X", true), ("No", false), ("0", false), ("", nil),
    ])
    func derechosDeCarrera(celda: String, esperado: Bool?) {
        let r = validarServidores([Hoja.servidor(["tipo_vinculacion": "Período de prueba", "derechos_de_carrera": celda])])
        #expect(r.esValido)
        #expect(servidores(r).first?.derechosDeCarrera == esperado)
    }

    @Test("Anything else in the carrera rights column is refused with its line and column")
    func derechosDeCarreraInvalidos() {
        let r = validarServidores([Hoja.servidor(["derechos_de_carrera": "tal vez"])])
        #expect(!r.esValido)
        #expect(r.errores.map(\.motivo) == ["«tal vez» no es Sí ni No."])
        #expect(r.errores.first?.columna == "Derechos de carrera en otro empleo (período de prueba por ascenso)")
    }

    @Test("Documents are cleaned of thousands separators, a spreadsheet's “.0” and spaces", arguments: [
        ("1.020.304.050", "1020304050"),
        ("52100001.0", "52100001"),
        ("1020304050", "1020304050"),
        (" 79 000 001 ", "79000001"),
        ("ab-123456", "AB-123456"),
        ("PE.123", "PE123"),
    ])
    func documentoLimpio(entrada: String, esperado: String) throws {
        #expect(Importacion.documentoLimpio(entrada) == esperado)
        let r = validarServidores([Hoja.servidor(["documento": entrada])])
        #expect(r.errores == [])
        #expect(try #require(servidores(r).first).documento == esperado)
    }

    @Test("Posesión dates are read as dd/mm/aaaa, aaaa-mm-dd or Excel serials", arguments: [
        ("01/01/2025", Fecha(2025, 1, 1)),
        ("1/2/2025", Fecha(2025, 2, 1)),
        ("2025-01-01", Fecha(2025, 1, 1)),
        ("45658", Fecha(2025, 1, 1)),
        ("45658.0", Fecha(2025, 1, 1)),
        ("45351", Fecha(2024, 2, 29)),
    ])
    func fechaDePosesion(texto: String, esperada: Fecha) throws {
        let r = validarServidores([Hoja.servidor(["fecha_posesion": texto])])
        #expect(r.errores == [])
        #expect(try #require(servidores(r).first).fechaPosesion == esperada)
    }

    @Test("Tipos de vinculación are read by name, raw value or synonym", arguments: [
        ("LNR", TipoVinculacion.libreNombramiento),
        ("Libre nombramiento y remoción", .libreNombramiento),
        ("libre_nombramiento", .libreNombramiento),
        ("Carrera Administrativa", .carrera),
        ("DE CARRERA", .carrera),
        ("Período de prueba", .periodoDePrueba),
        ("en periodo de prueba", .periodoDePrueba),
        ("Provisionalidad", .provisional),
        ("Nombramiento provisional", .provisional),
        ("Gerente Público", .gerentePublico),
        ("Planta temporal", .temporal),
    ])
    func sinonimosDeVinculacion(texto: String, esperada: TipoVinculacion) throws {
        let r = validarServidores([Hoja.servidor(["tipo_vinculacion": texto])])
        #expect(r.errores == [])
        #expect(try #require(servidores(r).first).tipoVinculacion == esperada)
    }

    @Test("Tipos de documento are read by code, name or synonym", arguments: [
        ("", TipoDocumento?.none),
        ("CC", .cc),
        ("C.C.", .cc),
        ("Cédula de ciudadanía", .cc),
        ("C.E.", .ce),
        ("Cédula de extranjería", .ce),
        ("PASAPORTE", .pasaporte),
        ("ppt", .ppt),
    ])
    func tiposDeDocumento(texto: String, esperado: TipoDocumento?) throws {
        let r = validarServidores([Hoja.servidor(["tipo_documento": texto])])
        #expect(r.errores == [])
        #expect(try #require(servidores(r).first).tipoDocumento == esperado)
    }

    @Test("A bad cell is reported with its line, its column title and a Spanish reason, and the row is left out", arguments: [
        (["tipo_vinculacion": "Contratista"], "Tipo de vinculación",
         "«Contratista» no es un tipo de vinculación. Use uno de: Carrera administrativa, Período de prueba, Provisional, Libre nombramiento y remoción, Gerente público, Temporal."),
        (["tipo_vinculacion": ""], "Tipo de vinculación", "El tipo de vinculación es obligatorio."),
        (["fecha_posesion": "31/02/2025"], "Fecha de posesión", "«31/02/2025» no es una fecha válida; use dd/mm/aaaa."),
        (["fecha_posesion": "2025/01/01"], "Fecha de posesión", "«2025/01/01» no es una fecha válida; use dd/mm/aaaa."),
        (["fecha_posesion": "ayer"], "Fecha de posesión", "«ayer» no es una fecha válida; use dd/mm/aaaa."),
        (["correo": "ana.perez@"], "Correo", "«ana.perez@» no es un correo electrónico válido."),
        (["correo": "ana perez@entidad.gov.co"], "Correo", "«ana perez@entidad.gov.co» no es un correo electrónico válido."),
        (["correo": "ana.perez.entidad.gov.co"], "Correo", "«ana.perez.entidad.gov.co» no es un correo electrónico válido."),
        (["documento": ""], "Documento", "El documento es obligatorio."),
        (["documento": "1020#304"], "Documento", "El documento «1020#304» solo puede tener letras, números y guiones (máximo 20)."),
        (["documento": "123456789012345678901"], "Documento",
         "El documento «123456789012345678901» solo puede tener letras, números y guiones (máximo 20)."),
        (["nombres": ""], "Nombres", "Los nombres son obligatorios."),
        (["nombres": String(repeating: "a", count: 101)], "Nombres", "El nombre admite máximo 100 caracteres."),
        (["apellidos": String(repeating: "b", count: 301)], "Apellidos", "El apellido admite máximo 100 caracteres."),
        (["correo": String(repeating: "c", count: 190) + "@entidad.gov.co"], "Correo", "El correo admite máximo 150 caracteres."),
        (["denominacion": String(repeating: "d", count: 201), "codigo_empleo": "314", "grado": "05", "nivel": "Técnico"],
         "Denominación del empleo", "La denominación admite máximo 200 caracteres."),
        (["apellidos": " "], "Apellidos", "Los apellidos son obligatorios."),
        (["tipo_documento": "NIT"], "Tipo de documento", "«NIT» no es un tipo de documento. Use CC, CE, Pasaporte o PPT."),
        (["dependencia": "999"], "Código dependencia", "La dependencia 999 no existe en la entidad; impórtela primero."),
        (["dependencia": ""], "Código dependencia", "El código de la dependencia es obligatorio."),
        (["jefe_documento": "1.020.304.050"], "Documento del jefe inmediato", "Un servidor no puede ser su propio jefe inmediato."),
        (["denominacion": "Técnico Operativo", "codigo_empleo": "314", "grado": "05"], "Nivel jerárquico", "Falta el nivel jerárquico."),
        (["denominacion": "Técnico Operativo", "codigo_empleo": "314", "grado": "05", "nivel": "Operativo"], "Nivel jerárquico",
         "«Operativo» no es un nivel jerárquico. Use uno de: Directivo, Asesor, Profesional, Técnico, Asistencial."),
        (["tipo_vinculacion": "Gerente público", "denominacion": "Profesional Especializado", "codigo_empleo": "222", "grado": "19",
          "nivel": "Profesional"], "Nivel jerárquico", "Un gerente público ocupa un empleo del nivel directivo."),
    ] as [([String: String], String, String)])
    func errorDeCelda(cambios: [String: String], columna: String, motivo: String) {
        let r = validarServidores([
            Hoja.servidor(["documento": "80111222"]),
            Hoja.servidor(cambios),
            Hoja.servidor(["documento": "80333444"]),
        ])
        #expect(r.errores == [ErrorDeImportacion(linea: 3, columna: columna, motivo: motivo)])
        #expect(servidores(r).map(\.linea) == [2, 4])
        #expect(!r.esValido)
    }

    @Test("An incomplete empleo names every missing part", arguments: [
        (["denominacion": "Auxiliar Administrativo"], ["Código del empleo", "Grado", "Nivel jerárquico"]),
        (["nivel": "Asistencial"], ["Denominación del empleo", "Código del empleo", "Grado"]),
        (["codigo_empleo": "407", "grado": "11"], ["Denominación del empleo", "Nivel jerárquico"]),
    ] as [([String: String], [String])])
    func empleoIncompleto(cambios: [String: String], columnas: [String]) {
        let r = validarServidores([Hoja.servidor(cambios)])
        #expect(r.errores.map(\.columna) == columnas)
        #expect(r.errores.allSatisfy { $0.linea == 2 && $0.motivo.hasPrefix("Falta") })
        #expect(servidores(r).isEmpty)
    }

    @Test("Texts exactly at the limit of the forms and the API are accepted")
    func textosEnElLimite() {
        let r = validarServidores([Hoja.servidor(["nombres": String(repeating: "a", count: LongitudMaxima.nombres),
                                                  "apellidos": String(repeating: "b", count: LongitudMaxima.apellidos)])])
        #expect(r.errores == [])
        #expect(servidores(r).first?.nombres.count == 100)
    }

    @Test("A complete empleo is kept; nivel is read without accents or case")
    func empleoCompleto() throws {
        let r = validarServidores([Hoja.servidor(["denominacion": "Técnico Operativo", "codigo_empleo": "314", "grado": "05", "nivel": "TECNICO"])])
        #expect(r.errores == [])
        #expect(try #require(servidores(r).first).empleo == .init(denominacion: "Técnico Operativo", codigo: "314", grado: "05", nivel: .tecnico))
    }

    @Test("A gerente público in a directivo empleo is valid")
    func gerenteDirectivo() throws {
        let r = validarServidores([Hoja.servidor(["tipo_vinculacion": "Gerente público", "denominacion": "Director Técnico",
                                                  "codigo_empleo": "009", "grado": "20", "nivel": "Directivo"])])
        #expect(r.errores == [])
        #expect(try #require(servidores(r).first).tipoVinculacion.instrumento == .acuerdoDeGestion)
    }

    @Test("Several bad cells in one row are all reported on that row's line")
    func variosErroresEnUnaFila() {
        let r = validarServidores([Hoja.servidor(["nombres": "", "apellidos": "", "correo": "x@y", "dependencia": "999"])])
        #expect(r.errores.map(\.columna) == ["Nombres", "Apellidos", "Correo", "Código dependencia"])
        #expect(r.errores.allSatisfy { $0.linea == 2 })
    }

    @Test("A duplicate document says on which line it first appeared, even when written differently")
    func documentoDuplicado() {
        let r = validarServidores([
            Hoja.servidor(["documento": "1.020.304.050"]),
            Hoja.servidor(["documento": "80111222"]),
            Hoja.servidor(["documento": "1020304050.0", "nombres": "Otra persona"]),
            Hoja.servidor(["documento": "1020304050"]),
        ])
        #expect(r.errores == [
            ErrorDeImportacion(linea: 4, columna: "Documento", motivo: "El documento 1020304050 ya aparece en la línea 2."),
            ErrorDeImportacion(linea: 5, columna: "Documento", motivo: "El documento 1020304050 ya aparece en la línea 2."),
        ])
        #expect(servidores(r).map(\.linea) == [2, 3])
    }

    @Test("A jefe must exist in the entity or in the same file", arguments: [
        ("79000001", true),        // already in the entity
        ("79.000.001", true),      // same, formatted
        ("52100001", true),        // defined later in the file
        ("52100001.0", true),      // same, as a number cell
        ("80999999", false),       // nowhere
    ])
    func jefeConocido(jefe: String, valido: Bool) {
        let r = validarServidores([
            Hoja.servidor(["documento": "1020304050", "jefe_documento": jefe]),
            Hoja.servidor(["documento": "52100001", "nombres": "Luis", "apellidos": "Rojas"]),
        ])
        if valido {
            #expect(r.errores == [])
        } else {
            #expect(r.errores == [ErrorDeImportacion(linea: 2, columna: "Documento del jefe inmediato",
                                                      motivo: "El jefe con documento 80999999 no está en la entidad ni en el archivo.")])
        }
    }

    @Test("A chain of jefes inside the file, in any order, is valid")
    func cadenaDeJefesEnElArchivo() {
        let r = validarServidores([
            Hoja.servidor(["documento": "30000003", "jefe_documento": "20000002"]),
            Hoja.servidor(["documento": "20000002", "jefe_documento": "10000001"]),
            Hoja.servidor(["documento": "10000001", "jefe_documento": "79000001"]),
        ])
        #expect(r.errores == [])
        #expect(servidores(r).map(\.jefeDocumento) == ["20000002", "10000001", "79000001"])
    }

    @Test("Dependencias must already exist in the entity: a code only in the context passes")
    func dependenciaDelContexto() {
        let sinDependencias = ContextoImportacion(codigosDependencia: [], documentosServidor: [])
        let r = validarServidores([Hoja.servidor(["dependencia": "100"])], contexto: sinDependencias)
        #expect(r.errores == [ErrorDeImportacion(linea: 2, columna: "Código dependencia",
                                                  motivo: "La dependencia 100 no existe en la entidad; impórtela primero.")])
    }
}

// MARK: - Dependencias y procesos

@Suite("Importación de dependencias y procesos")
struct ImportacionEstructuraTests {
    private func validar(_ datos: [[String]], contexto: ContextoImportacion = Hoja.contexto) -> ResultadoImportacion {
        Importacion.validar(.dependencias, filas: Hoja.filas(Hoja.encabezadoDependencias, datos), contexto: contexto)
    }

    @Test("Parents may be in the entity or anywhere in the file; tipos are read by name or synonym")
    func dependenciasValidas() {
        let r = validar([
            ["210", "Grupo de Nómina", "GIT", "220"],          // parent defined later in the file
            ["220", "Subdirección de Personal", "subdirección", "200"],   // parent in the entity
            ["230", "Alcaldía Local de Usme", "Alcaldía", ""],
            ["240", "Secretaría General", "SECRETARIA", "100"],
            ["250", "Mesa de ayuda", "", "240"],
        ])
        #expect(r.errores == [])
        #expect(dependencias(r) == [
            .init(linea: 2, codigo: "210", nombre: "Grupo de Nómina", tipo: .grupo, codigoPadre: "220"),
            .init(linea: 3, codigo: "220", nombre: "Subdirección de Personal", tipo: .subdireccion, codigoPadre: "200"),
            .init(linea: 4, codigo: "230", nombre: "Alcaldía Local de Usme", tipo: .alcaldiaLocal, codigoPadre: nil),
            .init(linea: 5, codigo: "240", nombre: "Secretaría General", tipo: .secretaria, codigoPadre: "100"),
            .init(linea: 6, codigo: "250", nombre: "Mesa de ayuda", tipo: nil, codigoPadre: "240"),
        ])
    }

    @Test("Bad dependencia rows are reported on their line and column", arguments: [
        (["260", "Oficina X", "", "999"], "Código dependencia superior", "La dependencia superior 999 no existe en la entidad ni en el archivo."),
        (["260", "Oficina X", "", "260"], "Código dependencia superior", "Una dependencia no puede depender de sí misma."),
        (["", "Oficina X", "", ""], "Código", "El código es obligatorio."),
        (["260", "", "", ""], "Nombre", "El nombre es obligatorio."),
        ([String(repeating: "9", count: 31), "Oficina X", "", ""], "Código", "El código admite máximo 30 caracteres."),
        (["260", String(repeating: "n", count: 201), "", ""], "Nombre", "El nombre admite máximo 200 caracteres."),
        (["260", "Oficina X", "Ministerio", ""], "Tipo",
         "«Ministerio» no es un tipo de dependencia. Use uno de: Despacho, Secretaría, Dirección, Subdirección, Oficina, Grupo interno de trabajo, Alcaldía local, Otra."),
    ])
    func dependenciaConError(fila: [String], columna: String, motivo: String) {
        let r = validar([["250", "Oficina Y", "Oficina", "100"], fila])
        #expect(r.errores == [ErrorDeImportacion(linea: 3, columna: columna, motivo: motivo)])
        #expect(!r.esValido)
    }

    @Test("A repeated code says where it first appeared")
    func codigoRepetido() {
        let r = validar([["250", "Oficina Y", "", ""], ["251", "Oficina Z", "", ""], ["250", "Oficina Y bis", "", ""]])
        #expect(r.errores == [ErrorDeImportacion(linea: 4, columna: "Código", motivo: "El código 250 ya aparece en la línea 2.")])
        #expect(dependencias(r).map(\.linea) == [2, 3])
    }

    @Test("A cycle A→B→A is reported on each dependencia inside it")
    func cicloDeDos() {
        let r = validar([["A", "Dependencia A", "", "B"], ["B", "Dependencia B", "", "A"]])
        #expect(r.errores == [
            ErrorDeImportacion(linea: 2, columna: "Código dependencia superior", motivo: "La dependencia A queda dentro de sí misma (ciclo en la estructura)."),
            ErrorDeImportacion(linea: 3, columna: "Código dependencia superior", motivo: "La dependencia B queda dentro de sí misma (ciclo en la estructura)."),
        ])
        #expect(!r.esValido)
    }

    @Test("A longer cycle is found; a dependencia hanging below it is not itself part of it, and validation ends")
    func cicloLargo() {
        let r = validar([
            ["D", "Cuelga del ciclo", "", "A"],
            ["A", "A", "", "B"],
            ["B", "B", "", "C"],
            ["C", "C", "", "A"],
            ["E", "Fuera", "", "100"],
        ])
        #expect(r.errores.map(\.linea) == [3, 4, 5])
        #expect(r.errores.allSatisfy { $0.motivo.contains("ciclo") })
    }

    @Test("A deep but acyclic chain is not mistaken for a cycle")
    func cadenaProfundaSinCiclo() {
        let filas: [[String]] = (1...30).map { (i: Int) -> [String] in
            let padre: String = i == 1 ? "100" : String(i - 1)
            return [String(i), "Nivel \(i)", "", padre]
        }
        #expect(validar(filas).errores == [])
    }

    @Test("Procesos: tipos by name or synonym, líder from the entity")
    func procesosValidos() {
        let r = Importacion.validar(.procesos, filas: Hoja.filas(Hoja.encabezadoProcesos, [
            ["DE", "Direccionamiento Estratégico", "Estratégico", "100"],
            ["GJ", "Gestión Jurídica", "misional", ""],
            ["CI", "Control Interno", "Evaluación y control", "110"],
            ["GD", "Gestión Documental", "", ""],
            ["EV", "Evaluación independiente", "control", ""],
        ]), contexto: Hoja.contexto)
        #expect(r.errores == [])
        #expect(procesos(r) == [
            .init(linea: 2, codigo: "DE", nombre: "Direccionamiento Estratégico", tipo: .estrategico, dependenciaLider: "100"),
            .init(linea: 3, codigo: "GJ", nombre: "Gestión Jurídica", tipo: .misional, dependenciaLider: nil),
            .init(linea: 4, codigo: "CI", nombre: "Control Interno", tipo: .evaluacion, dependenciaLider: "110"),
            .init(linea: 5, codigo: "GD", nombre: "Gestión Documental", tipo: nil, dependenciaLider: nil),
            .init(linea: 6, codigo: "EV", nombre: "Evaluación independiente", tipo: .evaluacion, dependenciaLider: nil),
        ])
    }

    @Test("Bad proceso rows are reported on their line and column", arguments: [
        (["GT", "Gestión TIC", "", "999"], "Código dependencia líder", "La dependencia 999 no existe en la entidad; impórtela primero."),
        (["GT", "Gestión TIC", "Transversal", ""], "Tipo",
         "«Transversal» no es un tipo de proceso. Use uno de: Estratégico, Misional, De apoyo, De evaluación y control."),
        (["DE", "Otro", "", ""], "Código", "El código DE ya aparece en la línea 2."),
        (["GT", "", "", ""], "Nombre", "El nombre es obligatorio."),
    ])
    func procesoConError(fila: [String], columna: String, motivo: String) {
        let r = Importacion.validar(.procesos, filas: Hoja.filas(Hoja.encabezadoProcesos, [["DE", "Direccionamiento", "", ""], fila]),
                                    contexto: Hoja.contexto)
        #expect(r.errores == [ErrorDeImportacion(linea: 3, columna: columna, motivo: motivo)])
        #expect(procesos(r).map(\.linea) == [2])
    }
}

// MARK: - Texto

@Suite("Texto")
struct TextoTests {
    @Test("normalizar folds case and accents and turns punctuation into single spaces", arguments: [
        ("Número_de  Documento.", "numero de documento"),
        ("CÉDULA", "cedula"),
        ("  Tipo de vinculación ", "tipo de vinculacion"),
        ("No. documento", "no documento"),
        ("E-mail", "e mail"),
        ("Código dependencia líder", "codigo dependencia lider"),
        ("Correo\u{00A0}electrónico", "correo electronico"),
        ("Nivel\tjerárquico\n", "nivel jerarquico"),
        ("Período de prueba", "periodo de prueba"),
        ("libre_nombramiento", "libre nombramiento"),
        ("C.C.", "c c"),
        ("Grado 02", "grado 02"),
        ("---", ""),
        ("", ""),
    ])
    func normalizar(entrada: String, esperado: String) {
        #expect(Texto.normalizar(entrada) == esperado)
    }

    @Test("normalizar is idempotent", arguments: ["Número_de  Documento.", "ÁÉÍÓÚ ü", "  a--b  ", "Dirección Técnica"])
    func normalizarIdempotente(entrada: String) {
        let una = Texto.normalizar(entrada)
        #expect(Texto.normalizar(una) == una)
    }

    @Test("esCorreoValido accepts plausible addresses only", arguments: [
        ("ana.perez@entidad.gov.co", true),
        ("a@b.co", true),
        ("ANA@ENTIDAD.GOV.CO", true),
        ("ana+talento@entidad.gov.co", true),
        ("", false),
        ("ana", false),
        ("ana@entidad", false),
        ("@entidad.gov.co", false),
        ("ana@", false),
        ("ana@@entidad.gov.co", false),
        ("ana@x@entidad.gov.co", false),
        ("ana perez@entidad.gov.co", false),
        ("ana@.entidad.gov.co", false),
        ("ana@entidad.gov.co.", false),
    ])
    func correo(entrada: String, valido: Bool) {
        #expect(Texto.esCorreoValido(entrada) == valido)
    }

    @Test("fecha reads dd/mm/aaaa, ISO and Excel serials between 1950 and 2099", arguments: [
        ("01/01/2025", Fecha?.some(Fecha(2025, 1, 1))),
        ("  5/6/2024 ", Fecha(2024, 6, 5)),
        ("2025-01-01", Fecha(2025, 1, 1)),
        ("45658", Fecha(2025, 1, 1)),
        ("45658.0", Fecha(2025, 1, 1)),
        ("25569", Fecha(1970, 1, 1)),
        ("18264", Fecha(1950, 1, 1)),
        ("73050", Fecha(2099, 12, 31)),
        ("18263", nil),
        ("73051", nil),
        ("45658.5", nil),
        ("60", nil),
        ("31/02/2025", nil),
        ("2025/01/01", nil),
        ("01-01-2025", nil),
        ("hoy", nil),
        ("", nil),
    ])
    func fecha(entrada: String, esperada: Fecha?) {
        #expect(Texto.fecha(entrada) == esperada)
    }
}

@Suite("Importación frente a lo que ya existe")
struct ImportacionContextoTests {
    static let encabezado = ["Documento", "Nombres", "Apellidos", "Tipo de vinculación", "Código dependencia", "Documento del jefe inmediato",
                             "Denominación del empleo", "Código del empleo", "Grado", "Nivel jerárquico"]

    static func fila(_ linea: Int, _ doc: String, jefe: String = "", nivel: String = "Profesional") -> FilaDeArchivo {
        FilaDeArchivo(linea: linea, celdas: [doc, "N\(doc)", "A\(doc)", "carrera", "100", jefe, "Profesional Universitario", "219", "11", nivel])
    }

    static func validar(_ filas: [FilaDeArchivo], _ ctx: ContextoImportacion) -> ResultadoImportacion {
        Importacion.validar(.servidores, filas: [FilaDeArchivo(linea: 1, celdas: encabezado)] + filas, contexto: ctx)
    }

    @Test("Two servants who name each other as jefe are a cycle")
    func cicloEnArchivo() {
        let r = Self.validar([Self.fila(2, "1", jefe: "2"), Self.fila(3, "2", jefe: "1")], ContextoImportacion(codigosDependencia: ["100"]))
        #expect(r.errores.map(\.linea) == [2, 3])
        #expect(r.errores.allSatisfy { $0.motivo.contains("ciclo") && $0.columna == "Documento del jefe inmediato" })
    }

    @Test("A cycle closed through the jefes already stored is found too")
    func cicloConLaEntidad() {
        // Stored: 2 reports to 3, 3 reports to 1. The file makes 1 report to 2.
        let ctx = ContextoImportacion(codigosDependencia: ["100"], documentosServidor: ["1", "2", "3"], jefes: ["2": "3", "3": "1"])
        let r = Self.validar([Self.fila(2, "1", jefe: "2")], ctx)
        #expect(r.errores.count == 1)
        #expect(r.errores.first?.motivo == "La cadena de jefes inmediatos del servidor 1 vuelve a él mismo (ciclo).")
        // Without the closing link there is no cycle.
        #expect(Self.validar([Self.fila(2, "1", jefe: "2")], ContextoImportacion(codigosDependencia: ["100"], documentosServidor: ["2"], jefes: ["2": "3"])).esValido)
    }

    @Test("An empleo keeps the nivel it has in the entity and within the file")
    func nivelDelEmpleo() {
        let clave = ContextoImportacion.claveEmpleo(denominacion: "Profesional Universitario", codigo: "219", grado: "11")
        let ctx = ContextoImportacion(codigosDependencia: ["100"], empleos: [clave: .profesional])
        #expect(Self.validar([Self.fila(2, "1")], ctx).esValido)
        let otroNivel = Self.validar([Self.fila(2, "1", nivel: "Asesor")], ctx)
        #expect(otroNivel.errores.first?.motivo == "El empleo Profesional Universitario 219-11 ya está en la entidad con nivel Profesional.")
        let enArchivo = Self.validar([Self.fila(2, "1"), Self.fila(3, "2", nivel: "Técnico")], ContextoImportacion(codigosDependencia: ["100"]))
        #expect(enArchivo.errores.map(\.linea) == [3])
        #expect(enArchivo.errores.first?.motivo == "El empleo Profesional Universitario 219-11 ya está en la línea 2 con nivel Profesional.")
    }

    @Test("A dependencia cannot be placed under one of its own subordinates stored in the entity")
    func cicloDeDependencias() {
        let ctx = ContextoImportacion(codigosDependencia: ["100", "200"], padres: ["200": "100"])
        let r = Importacion.validar(.dependencias, filas: [
            FilaDeArchivo(linea: 1, celdas: ["Código", "Nombre", "Código dependencia superior"]),
            FilaDeArchivo(linea: 2, celdas: ["100", "Despacho", "200"]),
        ], contexto: ctx)
        #expect(r.errores.map(\.motivo) == ["La dependencia 100 queda dentro de sí misma (ciclo en la estructura)."])
    }
}
