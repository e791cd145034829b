// @ts-check
/**
 * Every word a person reads, in Vietnamese, in one place: the web page, the PDFs, the spreadsheets, the e-mails and
 * the command line all take their labels from here. Plain JavaScript with no imports, so that the browser loads this
 * very file (served at /messages/vi.js) and the server imports it too.
 */
export const vi = {
  /**
   * A decision as it is named everywhere: the number alone is ambiguous between units, so the issuer and date go with it.
   * @param {{ number: string, issuer: string, date: string }} p
   */
  decisionRef: ({ number, issuer, date }) => `Quyết định số ${number} của ${issuer}, ngày ${date}`,
  /** @param {{ number: string, issuer: string, date: string }} p */
  revocationRef: ({ number, issuer, date }) => `Quyết định thu hồi số ${number} của ${issuer}, ngày ${date}`,
  /** Where a nomination stands (its status, or review:<level>). */
  stages: {
    draft: 'Dự thảo',
    'review:district': 'Cấp huyện, ngành xem xét',
    'review:province': 'Cấp tỉnh xem xét',
    'review:tld': 'Tổng Liên đoàn xem xét',
    returned: 'Trả lại để bổ sung',
    approved: 'Đã khen thưởng',
    rejected: 'Không chấp thuận',
    withdrawn: 'Đã rút',
    revoked: 'Đã thu hồi',
    /** The status while in review, where the level is not named (a report's count, an award's record). */
    inReview: 'Đang xem xét',
  },
  /** What an officer does to a nomination (the API’s action paths). */
  actions: {
    submit: 'Trình lên',
    return: 'Trả lại để bổ sung',
    resubmit: 'Trình lại',
    endorse: 'Đồng ý, trình cấp trên',
    downgrade: 'Hạ hình thức',
    approve: 'Phê duyệt',
    reject: 'Không chấp thuận',
    withdraw: 'Rút đề nghị',
    revoke: 'Thu hồi quyết định',
    'override-quota': 'Chấp thuận vượt chỉ tiêu',
  },
  /** What happened, by event type in the history. */
  events: {
    NominationCreated: 'Lập đề nghị',
    NominationSubmitted: 'Trình lên',
    NominationReturned: 'Trả lại để bổ sung',
    NominationResubmitted: 'Trình lại',
    NominationEndorsed: 'Đồng ý, trình cấp trên',
    NominationDowngraded: 'Hạ hình thức khen thưởng',
    NominationApproved: 'Ra quyết định khen thưởng',
    NominationRejected: 'Không chấp thuận',
    NominationWithdrawn: 'Rút đề nghị',
    AwardRevoked: 'Thu hồi quyết định',
    QuotaOverrideRecorded: 'Chấp thuận vượt chỉ tiêu',
    DeadlineReminderSent: 'Nhắc hạn xử lý',
    DeadlineEscalated: 'Báo quá hạn lên cấp trên',
  },
  /** Who someone is in the system. */
  roles: {
    base_officer: 'Cán bộ công đoàn cơ sở',
    district_officer: 'Cán bộ LĐLĐ huyện, ngành',
    district_head: 'Chủ tịch LĐLĐ huyện, ngành',
    province_officer: 'Cán bộ Ban Công tác cơ sở tỉnh',
    board_member: 'Ủy viên Ban Thường vụ',
    auditor: 'Kiểm tra, giám sát',
    admin: 'Quản trị hệ thống',
    system: 'Hệ thống',
  },
  /** The papers of a dossier. */
  documents: {
    coverLetter: 'Tờ trình',
    minutes: 'Biên bản họp Hội đồng',
    achievementReport: 'Báo cáo thành tích',
    nomineeList: 'Danh sách trích ngang',
    initiativeCertificate: 'Giấy chứng nhận sáng kiến',
  },
  /** Review checks that failed, as a clause of a sentence. */
  checks: {
    documents: 'thiếu giấy tờ trong hồ sơ',
    councilVote: 'kết quả biểu quyết của Hội đồng chưa đạt',
    registration: 'chưa đăng ký thi đua năm này',
    noDoubleAward: 'đã được khen cùng thành tích ở cấp này',
    prerequisite: 'chưa có đủ danh hiệu các năm liền trước',
    benefitValue: 'giá trị làm lợi của sáng kiến chưa đạt',
  },
  /** Refusals by their stable code (DomainError codes and the API’s own). */
  refusals: {
    WrongUnit: 'Đơn vị của bạn không phải đơn vị đang giữ hồ sơ này.',
    WrongRole: 'Vai trò của bạn không được thực hiện thao tác này.',
    WrongStage: 'Hồ sơ không ở bước cho phép thao tác này.',
    CommentRequired: 'Cần nhập ý kiến (lý do) cho thao tác này.',
    FormNotDecidedHere: 'Cấp này không quyết định hình thức khen thưởng này.',
    InvalidDossier: 'Hồ sơ chưa hợp lệ.',
    QuotaBlocked: 'Phê duyệt sẽ vượt chỉ tiêu, không thể thực hiện.',
    InvalidReview:
      'Kết quả chấm điểm chưa hợp lệ (đơn vị ngoài phạm vi, thiếu tiêu chí hoặc điểm vượt thang điểm).',
    InvalidImport: 'Tệp không đúng mẫu Excel đề nghị khen thưởng (.xlsx).',
    QuotaOverrideRequired:
      'Phê duyệt sẽ làm tỷ lệ xuống dưới mức tối thiểu: Ủy viên Ban Thường vụ cần ghi nhận lý do chấp thuận vượt chỉ tiêu trước.',
    NoQuotaWarning: 'Không có cảnh báo chỉ tiêu nào để chấp thuận.',
    StaleVersion: 'Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang rồi thao tác lại.',
    NotFound: 'Không tìm thấy (hoặc bạn không có quyền xem).',
    NoRoute: 'Không có cấp nào phía trên đơn vị này quyết định hình thức khen thưởng đã chọn.',
    DecisionIssued: 'Quyết định đã ban hành nên không sửa được nữa.',
    DecisionRefused:
      'Chưa ban hành được: có hồ sơ trong danh sách không thể phê duyệt, nên chưa hồ sơ nào được phê duyệt. Xem lý do từng hồ sơ bên dưới.',
    EmptyDecision: 'Danh sách kèm theo chưa có hồ sơ nào: thêm hồ sơ trước khi ban hành.',
    SignedScanAttached:
      'Quyết định đã có bản chụp bản ký; bản này được lưu cùng mã băm nên không thay thế được.',
    DecisionNotIssued:
      'Việc này chỉ làm được với quyết định khen thưởng đã ban hành (in bằng khen, đính kèm bản ký): hãy ban hành quyết định trước.',
  },
  /** Refusals by problem type (the last segment of its URI). */
  problemTypes: {
    'invalid-credentials': 'Sai tên đăng nhập hoặc mật khẩu.',
    unauthenticated: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    'not-found': 'Không tìm thấy (hoặc bạn không có quyền xem).',
    'rows-refused': 'Có dòng sai nên chưa đề nghị nào được tạo. Sửa các dòng dưới đây rồi gửi lại.',
    'final-review-not-recorded':
      'Phong trào chưa tổng kết: ghi kết quả tổng kết trước khi đề nghị khen thưởng.',
    validation: 'Dữ liệu nhập chưa hợp lệ.',
    'idempotency-key-reused': 'Yêu cầu bị trùng.',
    'file-too-large': 'Tệp quá lớn (tối đa 10 MB).',
    'unsupported-file-type': 'Chỉ nhận tệp PDF, JPEG, PNG, DOCX hoặc XLSX.',
    'cross-origin-request':
      'Yêu cầu gửi từ một trang web khác nên bị từ chối. Hãy mở hệ thống từ địa chỉ chính thức rồi thử lại.',
    'postgres-unavailable':
      'Hệ thống tạm thời gián đoạn (cơ sở dữ liệu không phản hồi). Vui lòng thử lại sau ít giây.',
    'temporal-unavailable':
      'Hệ thống xử lý hồ sơ chưa phản hồi kịp. Hãy tải lại trang để xem thao tác đã được ghi nhận chưa rồi mới thử lại.',
    'dependency-unavailable':
      'Thao tác chưa được ghi nhận vì hệ thống đang gián đoạn; hồ sơ giữ nguyên. Vui lòng thử lại sau.',
    'invalid-text':
      'Nội dung có ký tự không hợp lệ (ký tự điều khiển hoặc ký tự bị lỗi mã). Hãy xoá ký tự đó, hoặc gõ lại đoạn văn bản, rồi gửi lại.',
    'invalid-data': 'Có giá trị không lưu được (ký tự hoặc con số vượt giới hạn). Hãy sửa rồi gửi lại.',
    'malformed-body': 'Dữ liệu gửi lên bị lỗi. Vui lòng thử lại.',
    'uri-too-long': 'Địa chỉ không hợp lệ.',
    'malformed-url': 'Địa chỉ không hợp lệ.',
    network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
  },
  /** Form fields, by the JSON Pointer the API names in a refusal. */
  fields: {
    '/body/dossier/achievement': 'Tóm tắt thành tích',
    '/body/dossier/theme': 'Phong trào, chuyên đề',
    '/body/comment': 'Ý kiến',
  },
  /** Where a periodic report stands. */
  reportStatus: { submitted: 'Đã gửi', due: 'Chưa gửi', overdue: 'Quá hạn' },
  /** The movement indicators of the dashboard (seed 004). */
  indicators: {
    upperUnionsWithPlan: 'Công đoàn cấp trên cơ sở có kế hoạch, phát động phong trào thi đua',
    baseUnionsWithPlan: 'Công đoàn cơ sở có kế hoạch, phát động phong trào thi đua',
    movementsReviewed: 'Phong trào thi đua được sơ kết, tổng kết (đã đến hạn tổng kết)',
    officersTrained: 'Cán bộ làm công tác thi đua, khen thưởng được tập huấn',
    directWorkers:
      'Cá nhân được khen thưởng là công nhân, lao động trực tiếp hoặc không giữ chức vụ lãnh đạo',
    nonLeaders: 'Cá nhân được khen thưởng không giữ chức vụ lãnh đạo, quản lý',
  },
  /** A movement’s reviews. */
  reviewKind: { interim: 'Sơ kết', final: 'Tổng kết' },
  /** Why a row of an import spreadsheet was refused. */
  rowProblems: {
    NomineeUnclear: 'Ghi mã đoàn viên (khen cá nhân) hoặc mã đơn vị (khen tập thể), không ghi cả hai.',
    AchievementMissing: 'Chưa ghi thành tích.',
    DuplicateRow: 'Trùng người và hình thức với một dòng khác.',
    NotRegistered: 'Chưa đăng ký thi đua trong phong trào này.',
    UnknownDocuments: 'Có giấy tờ không thuộc hồ sơ khen thưởng.',
    VotesExceedPresent: 'Số phiếu đồng ý nhiều hơn số thành viên có mặt.',
    NotANumber: 'Số người phải là số nguyên.',
    UnknownAwardForm: 'Không có hình thức khen thưởng này.',
    NotFound: 'Không tìm thấy đoàn viên hoặc đơn vị.',
    WrongUnit: 'Người được đề nghị không thuộc đơn vị.',
    FormNotDecidedHere: 'Hình thức này không do cấp này đề nghị.',
    InvalidDossier: 'Hồ sơ chưa hợp lệ.',
  },
  /** Report periods. */
  periodKind: { halfYear: '6 tháng', year: 'năm' },

  // ---- The web page (web/), by page: what its modules say besides the labels above ----

  /** The web page's API client (web/api.js): a refusal in words when the sections above have none for it. */
  apiClient: {
    unknown: 'Đã có lỗi. Vui lòng thử lại.',
    /** @param {string} checks */
    reviewFailed: (checks) => `Hồ sơ chưa đạt khi thẩm định: ${checks}.`,
    /** @param {string} fields */
    where: (fields) => `Ở mục: ${fields}.`,
    /** @param {string} stage */
    closed: (stage) => `Hồ sơ đã kết thúc (${stage}) nên không thể thao tác thêm. Hãy tải lại trang.`,
    serverFault: 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau.',
    notDone: 'Yêu cầu chưa thực hiện được.',
  },
  /** The web page's frame and what its pages share. */
  page: {
    title: 'Thi đua – Khen thưởng',
    loading: 'Đang tải…',
    choose: '— chọn —',
    nav: {
      inbox: 'Hộp việc',
      list: 'Đề nghị',
      create: 'Lập đề nghị',
      quotas: 'Chỉ tiêu',
      dashboard: 'Tổng quan',
      movements: 'Phong trào',
      decisions: 'Quyết định',
      logout: 'Đăng xuất',
    },
    /** @param {string} date @param {number} days the days left, negative once past */
    deadline: (date, days) => `Hạn: ${date} (${days < 0 ? `quá ${-days} ngày` : `còn ${days} ngày`})`,
    /** @param {string} form @param {number} year */
    formAndYear: (form, year) => `${form} · năm ${year}`,
  },
  /** The web page: login. */
  login: {
    title: 'Đăng nhập',
    system: 'Hệ thống quản lý thi đua, khen thưởng của tổ chức Công đoàn',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
  },
  /** The web page: the unit's inbox. */
  inbox: {
    /** @param {string} unit */
    title: (unit) => `Hộp việc của ${unit}`,
    empty: 'Không có hồ sơ nào chờ đơn vị xử lý.',
    choose: 'Chọn',
    /** @param {number} count */
    selected: (count) => `Đã chọn ${count}`,
    /** @param {string} action */
    bulk: (action) => `${action} các hồ sơ đã chọn`,
    /** @param {number} done @param {number} total @param {number} ok @param {number} failed */
    progress: (done, total, ok, failed) =>
      `Đã xử lý ${done}/${total}: ${ok} thành công${failed > 0 ? `, ${failed} không thực hiện được` : ''}.`,
  },
  /** The web page: what approving a nomination does to a quota (inbox, history) and the quota rules. */
  quotaFinding: {
    atLeast: 'tối thiểu',
    atMost: 'tối đa',
    /** @param {string} rule @param {number} total @param {number} limit */
    count: (rule, total, limit) => `${rule}: sau phê duyệt là ${total}/${limit}`,
    /** @param {string} share @param {string} bound @param {string} limit @param {string} rule */
    share: (share, bound, limit, rule) => `Nếu phê duyệt: tỷ lệ ${share} (${bound} ${limit}) — ${rule}`,
  },
  /** The web page: the list of nominations. */
  nominationList: {
    title: 'Danh sách đề nghị',
    searchPlaceholder: 'Tìm theo tên người được đề nghị',
    search: 'Tìm',
    nominee: 'Người/tập thể',
    form: 'Hình thức',
    stage: 'Bước',
    deadline: 'Hạn',
    empty: 'Chưa có đề nghị nào.',
    more: 'Xem thêm',
  },
  /** The web page: one nomination. */
  nomination: {
    /** @param {string} number */
    /** @param {string} number @param {string} issuer @param {string} date */
    revokedBy: (number, issuer, date) =>
      `Đã thu hồi theo Quyết định số ${number} của ${issuer}, ngày ${date}`,
    honourRoll: {
      listed: 'Công khai tên trên trang tôn vinh',
      listedHint: 'Tên, đơn vị và thành tích của người này hiện trên trang tôn vinh công khai.',
      keptOff: 'Theo nguyện vọng của người này, trang tôn vinh công khai không hiện tên họ.',
    },
    route: 'Lộ trình xét duyệt',
    dossier: 'Hồ sơ',
    /** @param {number} inFavour @param {number} present */
    vote: (inFavour, present) => `Biểu quyết: ${inFavour}/${present} thành viên Hội đồng đồng ý`,
    /** @param {string} list */
    documents: (list) => `Giấy tờ: ${list}`,
    /** @param {string} theme */
    theme: (theme) => `Phong trào, chuyên đề: ${theme}`,
    history: 'Quá trình xử lý',
    /** @param {string} when @param {string} who @param {string} role @param {string} unit */
    actor: (when, who, role, unit) => `${when} · ${who} (${role}, ${unit})`,
    /** @param {string} comment */
    comment: (comment) => `Ý kiến: ${comment}`,
    /** @param {number} inFavour @param {number} present */
    eventVote: (inFavour, present) => `Biểu quyết: ${inFavour}/${present} đồng ý`,
    /** @param {boolean} passed @param {number} checks */
    review: (passed, checks) => `Thẩm định: ${passed ? 'đạt' : 'chưa đạt'} (${checks} tiêu chí)`,
    /** @param {number} position @param {string} hash @param {string} previous */
    hash: (position, hash, previous) => `#${position} mã băm ${hash} · trước ${previous}…`,
  },
  /** The web page: the actions on one nomination. */
  nominationActions: {
    title: 'Xử lý hồ sơ',
    none: 'Bạn không có thao tác nào với hồ sơ ở bước này.',
    comment: 'Ý kiến',
    commentRequired: '(bắt buộc khi trả lại, không chấp thuận, hạ hình thức, thu hồi)',
    toForm: 'Hình thức khi hạ',
    /** @param {string} action */
    done: (action) => `Đã thực hiện: ${action}.`,
  },
  /** The web page: the files of a nomination. */
  attachments: {
    title: 'Tệp hồ sơ',
    none: 'Chưa có tệp nào.',
    upload: 'Tải lên',
  },
  /** The web page: a new nomination. */
  newNomination: {
    title: 'Lập đề nghị khen thưởng',
    member: 'Người được đề nghị',
    chooseMember: '— chọn đoàn viên —',
    form: 'Hình thức khen thưởng',
    year: 'Năm',
    theme: 'Phong trào, chuyên đề (nếu có)',
    present: 'Số thành viên Hội đồng dự họp',
    inFavour: 'Số thành viên đồng ý',
    documents: 'Giấy tờ trong hồ sơ',
    achievement: 'Tóm tắt thành tích',
    saveDraft: 'Lưu dự thảo',
    saveAndSubmit: 'Lưu và trình lên',
  },
  /** The web page: the unit's quotas. */
  quotas: {
    /** @param {string} unit */
    title: (unit) => `Chỉ tiêu, tỷ lệ khen thưởng của ${unit}`,
    year: 'Năm',
    /** @param {number} total @param {number} limit */
    count: (total, limit) => `Đã khen: ${total} / tối đa ${limit}`,
    /** @param {string} share @param {number} inCategory @param {number} total @param {string} bound @param {string} limit */
    share: (share, inCategory, total, bound, limit) =>
      `Tỷ lệ hiện nay: ${share} (${inCategory}/${total}) · ${bound} ${limit}`,
    noneYet: 'chưa có ai được khen',
    blocking: 'Bắt buộc',
    warning: 'Cảnh báo, cần chấp thuận có lý do khi vượt',
  },
  /** The web page: the dashboard. */
  dashboard: {
    /** @param {number} year @param {string} unit */
    title: (year, unit) => `Tổng quan thi đua, khen thưởng năm ${year} — ${unit}`,
    unit: 'Xem đơn vị',
    reportsTitle: 'Báo cáo định kỳ',
    /** @param {string} kind @param {number} year @param {string} due */
    period: (kind, year, due) => `kỳ ${kind} ${year} · hạn ${due}`,
    noPeriod: 'Chưa mở kỳ báo cáo nào.',
    reports: 'Báo cáo',
    reportChart: 'Tình hình gửi báo cáo',
    /** @param {string} unit @param {number} count */
    owedToUnit: (unit, count) => `Đơn vị báo cáo lên ${unit} (${count})`,
    indicatorsTitle: 'Chỉ tiêu so với kế hoạch',
    reached: 'Đạt được',
    target: 'Chỉ tiêu',
    noFigures: 'chưa có số liệu',
    /** @param {string} share @param {string} value @param {string} of */
    share: (share, value, of) => `${share} (${value}/${of})`,
    /** @param {string} target */
    targetOf: (target) => `chỉ tiêu ${target}`,
    movementsTitle: 'Phong trào thi đua',
    noMovements: 'Chưa có phong trào nào trong năm.',
    movement: 'Phong trào',
    reviews: 'Sơ kết, tổng kết',
    next: 'Tiếp theo',
    /** @param {number} count */
    late: (count) => `${count} chậm`,
  },
  /** The web page: the list of movements. */
  movements: {
    title: 'Phong trào thi đua',
    none: 'Chưa có phong trào nào.',
    closed: 'Đã tổng kết',
    running: 'Đang diễn ra',
  },
  /** The web page: the deciding unit's decisions (quyết định khen thưởng), drafts and their annex. */
  decisions: {
    title: 'Quyết định khen thưởng',
    none: 'Đơn vị chưa có quyết định nào.',
    status: { draft: 'Dự thảo', issued: 'Đã ban hành' },
    kinds: { award: 'Quyết định khen thưởng', revocation: 'Quyết định thu hồi' },
    defaults: {
      title: 'Căn cứ, nơi nhận và người ký mặc định của đơn vị',
      hint: 'Dự thảo mới bắt đầu với các nội dung này (cộng thêm căn cứ riêng của từng hình thức khen thưởng); vẫn sửa được trên từng dự thảo.',
      save: 'Lưu nội dung mặc định',
      saved: 'Đã lưu nội dung mặc định.',
    },
    prepare: 'Lập dự thảo quyết định',
    prepareRevocation: 'Lập quyết định thu hồi',
    revocationTitle: 'Về việc thu hồi khen thưởng',
    revocable: 'Khen thưởng của đơn vị có thể thu hồi',
    noneRevocable: 'Đơn vị không có khen thưởng nào có thể thu hồi.',
    create: 'Tạo dự thảo',
    /** @param {number} year */
    defaultTitle: (year) => `Về việc khen thưởng thành tích năm ${year}`,
    fields: {
      title: 'Trích yếu (Về việc …)',
      year: 'Năm',
      occasion: 'Phong trào, dịp khen thưởng',
      bases: 'Căn cứ (mỗi dòng một căn cứ)',
      recipients: 'Nơi nhận (mỗi dòng một nơi)',
      signerName: 'Người ký',
      signerTitle: 'Chức vụ (VD: CHỦ TỊCH)',
      signerCapacity: 'Thay mặt (VD: TM. BAN THƯỜNG VỤ)',
      reason: 'Lý do thu hồi',
    },
    save: 'Lưu dự thảo',
    saved: 'Đã lưu dự thảo.',
    /** @param {number} collectives @param {number} individuals */
    counts: (collectives, individuals) => `${collectives} tập thể, ${individuals} cá nhân`,
    /** @param {string} number @param {string} date */
    numbered: (number, date) => `Số ${number}, ngày ${date}`,
    annex: 'Danh sách kèm theo',
    /** @param {string} total */
    bonusTotal: (total) => `Tiền thưởng theo quy định, tổng cộng: ${total}`,
    emptyAnnex: 'Danh sách chưa có hồ sơ nào: chọn từ các hồ sơ chờ quyết định bên dưới.',
    remove: 'Bỏ khỏi danh sách',
    awaiting: 'Hồ sơ chờ đơn vị quyết định',
    noneAwaiting: 'Không còn hồ sơ nào chờ đơn vị quyết định.',
    /** @param {number} count */
    add: (count) => `Đưa ${count} hồ sơ vào danh sách`,
    /** @param {string} unit */
    submittedBy: (unit) => `Đơn vị đề nghị: ${unit}`,
    issue: 'Ký ban hành quyết định',
    print: 'Bản in quyết định (PDF)',
    printDocx: 'Bản Word để chỉnh sửa (DOCX)',
    scan: {
      title: 'Bản chụp quyết định đã ký, đóng dấu',
      choose: 'Chọn tệp chụp (PDF, JPEG hoặc PNG, tối đa 20 MB)',
      attach: 'Đính kèm bản ký',
      none: 'Đơn vị ban hành chưa đính kèm bản chụp quyết định đã ký.',
      sha256: 'Mã băm SHA-256 của bản chụp, lưu cùng hồ sơ quyết định (dùng để đối chiếu khi kiểm tra):',
    },
    certificates: {
      title: 'In bằng khen, giấy khen',
      full: 'In cả mẫu trên giấy trắng',
      blank: 'In lên phôi in sẵn (chỉ in nội dung)',
      offsetX: 'Lệch ngang (mm, + sang phải)',
      offsetY: 'Lệch dọc (mm, + xuống dưới)',
      offsetHint:
        'In thử một trang lên giấy thường, đặt lên phôi soi đèn rồi chỉnh độ lệch; máy sẽ nhớ cho lần sau.',
      /** @param {number} count */
      download: (count) => `Tải ${count} bằng khen, giấy khen (PDF)`,
    },
    /** @param {number} count */
    confirmIssue: (count) =>
      `Ban hành quyết định: phê duyệt cùng lúc ${count} hồ sơ trong danh sách, cấp một số quyết định. Tiếp tục?`,
    /** @param {number} count */
    confirmRevoke: (count) =>
      `Ban hành quyết định thu hồi ${count} khen thưởng trong danh sách, cấp một số quyết định. Tiếp tục?`,
    /** @param {string} number */
    issued: (number) => `Đã ban hành quyết định số ${number}.`,
    refusedTitle: 'Chưa hồ sơ nào được phê duyệt vì các hồ sơ sau không thể phê duyệt:',
    closedNomination: 'hồ sơ đã kết thúc (đã rút, không được đồng ý hoặc đã thu hồi)',
  },
  /** The printed decision (quyết định khen thưởng), in the administrative layout. */
  decisionPaper: {
    title: 'QUYẾT ĐỊNH',
    draft: 'dự thảo',
    blank: '……',
    /** @param {number} year */
    blankDate: (year) => `ngày …… tháng …… năm ${year}`,
    /** @param {string} number */
    number: (number) => `Số: ${number}`,
    republic: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    decides: 'QUYẾT ĐỊNH',
    /** @param {{ article: number, form: string, collectives: number, individuals: number, occasion: string | null }} p */
    awardArticle: ({ article, form, collectives, individuals, occasion }) => {
      const who = [
        collectives > 0 ? `${collectives} tập thể` : null,
        individuals > 0 ? `${individuals} cá nhân` : null,
      ]
        .filter(Boolean)
        .join(' và ');
      return `Điều ${article}. Tặng ${form} cho ${who} (có danh sách kèm theo) đã có thành tích xuất sắc${
        occasion ? ` trong ${occasion}` : ''
      }.`;
    },
    /** @param {number} article */
    executionArticle: (article) =>
      `Điều ${article}. Văn phòng, các ban, đơn vị có liên quan và các tập thể, cá nhân có tên trong danh sách kèm theo chịu trách nhiệm thi hành Quyết định này.`,
    /** @param {{ article: number, form: string, name: string, unit: string, decision: string, reason: string }} p */
    revokeOneArticle: ({ article, form, name, unit, decision, reason }) =>
      `Điều ${article}. Thu hồi ${form} đã tặng ${name} (${unit}) tại Quyết định số ${decision}. Lý do: ${reason}`,
    /** @param {{ article: number, count: number, reason: string }} p */
    revokeArticle: ({ article, count, reason }) =>
      `Điều ${article}. Thu hồi ${count} khen thưởng của các tập thể, cá nhân có tên trong danh sách kèm theo. Lý do: ${reason}`,
    /** @param {number} article */
    returnArticle: (article) =>
      `Điều ${article}. Các tập thể, cá nhân bị thu hồi khen thưởng nộp lại bằng khen, giấy khen và tiền thưởng đã nhận theo quy định.`,
    revocationAnnexTitle: 'DANH SÁCH KHEN THƯỞNG BỊ THU HỒI',
    /** @param {{ number: string, date: string }} p */
    awardDecision: ({ number, date }) => `${number} ngày ${date}`,
    emptyAnnex: 'Danh sách kèm theo chưa có tập thể, cá nhân nào.',
    recipients: 'Nơi nhận',
    annexTitle: 'DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG',
    /** @param {{ number: string, date: string, unit: string }} p */
    annexOf: ({ number, date, unit }) => `(Kèm theo Quyết định số ${number} ngày ${date} của ${unit})`,
    columns: {
      order: 'STT',
      name: 'Tên tập thể, cá nhân',
      unit: 'Đơn vị',
      award: 'Quyết định khen thưởng',
      bonus: 'Tiền thưởng (đồng)',
    },
    groupTotal: 'Cộng',
    /** @param {{ article: number, total: string }} p */
    bonusArticle: ({ article, total }) =>
      `Điều ${article}. Kèm theo khen thưởng là tiền thưởng theo quy định, mức cụ thể theo danh sách kèm theo; tổng cộng ${total}.`,
    /** @param {{ code: string, url: string }} p */
    verify: ({ code, url }) => `Mã xác minh: ${code}\nKiểm tra văn bản này tại: ${url}`,
  },
  /** The public pages (no login): the check of a printed paper's code, and the honour roll. */
  publicPage: {
    honourRoll: {
      title: 'Tôn vinh tập thể, cá nhân được khen thưởng',
      year: 'Năm',
      allYears: 'Tất cả các năm',
      none: 'Chưa có khen thưởng nào được công bố.',
      /** @param {string} n */
      total: (n) => `${n} khen thưởng`,
      more: 'Xem thêm',
    },
    title: 'Xác minh văn bản khen thưởng',
    unknownAddress: 'Địa chỉ này không có trang nào. Hãy quét lại mã QR in trên giấy khen hoặc quyết định.',
    verify: {
      checking: 'Đang kiểm tra…',
      codeLabel: 'Mã xác minh in trên giấy (10 ký tự)',
      check: 'Kiểm tra',
      genuineAward: 'Giấy khen, bằng khen này là thật và còn hiệu lực.',
      genuineDecision: 'Quyết định này là thật, đã được ban hành.',
      revoked: 'Khen thưởng này đã bị thu hồi: giấy không còn giá trị.',
      notFound: 'Không tìm thấy văn bản nào mang mã này.',
      notFoundHint:
        'Hãy đối chiếu từng ký tự với mã in trên giấy. Nếu mã đúng mà vẫn không tìm thấy, văn bản không được xác nhận: hãy báo cho cơ quan ban hành.',
      awardee: 'Được khen thưởng',
      unit: 'Đơn vị',
      form: 'Hình thức',
      decision: 'Quyết định',
      title: 'Trích yếu',
      listed: 'Danh sách kèm theo',
      /** @param {{ collectives: string, individuals: string }} p */
      listedCount: ({ collectives, individuals }) => `${collectives} tập thể, ${individuals} cá nhân`,
      /** @param {string} n */
      listedRevoked: (n) => `${n} khen thưởng đã bị thu hồi sau đó`,
      /** @param {{ date: string, decision: string | null }} p */
      revokedLine: ({ date, decision }) => `Đã thu hồi ngày ${date}${decision ? ` theo ${decision}` : ''}.`,
      /** @param {string} reason */
      reason: (reason) => `Lý do: ${reason}`,
      forAuditors: 'Dành cho kiểm toán viên',
      chainHash: 'Mã băm của sự kiện phê duyệt trong chuỗi lịch sử hồ sơ (đối chiếu với bản xuất kiểm toán):',
    },
  },
  /** The printed certificates (Bằng khen, Giấy khen) of a decision's awards. */
  certificatePaper: {
    gives: 'TẶNG',
    /** @param {string | null} occasion */
    achievement: (occasion) =>
      occasion ? `Đã có thành tích xuất sắc trong ${occasion}` : 'Đã có thành tích xuất sắc',
    /** @param {{ number: string, date: string }} p */
    decision: ({ number, date }) => `Quyết định số ${number} ngày ${date}`,
    /** @param {string} code */
    code: (code) => `Mã xác minh: ${code}`,
  },
  /** The web page: one movement. */
  movement: {
    /** @param {string} list */
    criteria: (list) => `Tiêu chí: ${list}`,
    /** @param {string} name @param {number} maxScore */
    criterion: (name, maxScore) => `${name} (${maxScore} điểm)`,
    /** @param {string} units @param {string} members */
    registrations: (units, members) => `Đăng ký: ${units} đơn vị, ${members} đoàn viên`,
    /** @param {number} count */
    nominations: (count) => `Đề nghị khen thưởng từ tổng kết: ${count}`,
    unit: 'Đơn vị',
    total: 'Tổng',
  },
  /** The web page: the nominations of a movement's final review. */
  finalReview: {
    title: 'Đề nghị khen thưởng từ tổng kết',
    allOrNothing: 'Nếu có dòng sai, không đề nghị nào được tạo; sửa các dòng được báo rồi gửi lại.',
    memberId: 'Mã đoàn viên',
    form: 'Hình thức',
    achievement: 'Thành tích',
    present: 'Có mặt',
    inFavour: 'Đồng ý',
    /** @param {string} column @param {number} row */
    cell: (column, row) => `${column} dòng ${row}`,
    addRow: 'Thêm dòng',
    create: 'Tạo các đề nghị',
    orUpload: 'Hoặc tải lên tệp Excel theo',
    template: 'mẫu',
    file: 'Tệp Excel đề nghị khen thưởng',
    /** @param {number} count */
    created: (count) => `Đã tạo ${count} đề nghị khen thưởng.`,
    row: 'Dòng',
    problem: 'Lỗi',
  },
  /** Levels of units, as a unit's kind reads in a list. */
  levels: {
    tld: 'Tổng Liên đoàn',
    province: 'LĐLĐ tỉnh',
    district: 'LĐLĐ huyện',
    sector: 'Công đoàn ngành',
    base: 'Công đoàn cơ sở',
  },
  /** The bonus money a periodic report totals. */
  reportBonus: {
    label: 'Tiền thưởng theo quy định của các khen thưởng còn hiệu lực',
  },
  /** The counts of a periodic report, which a unit may correct (domain/report.ts CorrectableFigure). */
  reportFigures: {
    individualsCommended: 'Cá nhân được khen thưởng',
    directWorkersOrNonLeaders: '— trong đó công nhân, lao động trực tiếp hoặc không giữ chức vụ lãnh đạo',
    nonLeaders: '— trong đó không giữ chức vụ lãnh đạo, quản lý',
    upperUnions: 'Công đoàn cấp trên cơ sở',
    upperUnionsWithPlan: 'Công đoàn cấp trên cơ sở có kế hoạch, phát động thi đua',
    baseUnions: 'Công đoàn cơ sở',
    baseUnionsWithPlan: 'Công đoàn cơ sở có kế hoạch, phát động thi đua',
    movementsLaunched: 'Phong trào thi đua được phát động',
    movementsReviewed: 'Phong trào đã sơ kết hoặc tổng kết',
    movementsFinalReviewed: 'Phong trào đã tổng kết',
    movementsPastFinalReview: 'Phong trào đã đến hạn tổng kết',
    movementsPastFinalReviewReviewed: 'Phong trào đến hạn đã được sơ kết, tổng kết',
    officers: 'Cán bộ làm công tác thi đua, khen thưởng',
    officersTrained: 'Cán bộ được tập huấn nghiệp vụ',
  },
  /** Whether an indicator reached its target. */
  verdict: { met: 'Đạt', notMet: 'Chưa đạt' },
  /**
   * What each review check found (domain/review.ts), as a clause; numbers, money and shares come in already
   * formatted (messages/format.js), years as they are.
   */
  checkDetails: {
    documentsComplete: 'đủ giấy tờ theo quy định',
    /** @param {string} documents */
    documentsMissing: (documents) => `thiếu: ${documents}`,
    /** @param {{ inFavour: string, present: string, share: string, moreThan: boolean, threshold: string }} p */
    councilVote: ({ inFavour, present, share, moreThan, threshold }) =>
      `${inFavour}/${present} phiếu đồng ý (${share}), cần ${moreThan ? 'trên' : 'ít nhất'} ${threshold}`,
    /** @param {number} year */
    registered: (year) => `đã đăng ký thi đua năm ${year}`,
    /** @param {number} year */
    notRegistered: (year) => `chưa đăng ký thi đua năm ${year}`,
    noDoubleAward: 'chưa được khen cùng thành tích ở cấp này',
    /** @param {{ form: string, year: number, nominationId: string }} p */
    alreadyAwarded: ({ form, year, nominationId }) =>
      `đã được khen ${form} năm ${year} ở cấp này (hồ sơ ${nominationId})`,
    /** @param {{ form: string, years: string }} p */
    prerequisiteHeld: ({ form, years }) => `đã có ${form} các năm ${years}`,
    /** @param {{ form: string, years: string }} p */
    prerequisiteMissing: ({ form, years }) => `chưa có ${form} năm ${years}`,
    initiativeRequired: 'cần có sáng kiến kèm giá trị làm lợi',
    /** @param {string} who */
    noBenefitTier: (who) => `không có mức giá trị làm lợi cho ${who}`,
    /** @param {{ value: string, who: string, needs: string, overThreeYears: string | null }} p */
    benefitValue: ({ value, who, needs, overThreeYears }) =>
      `làm lợi ${value}, mức cho ${who} cần ${needs}` +
      (overThreeYears === null ? '' : ` (hoặc ${overThreeYears} trong 3 năm liền)`),
  },
  /** Whom a benefit-value tier of an initiative award is for (domain/award-forms.ts BenefitTier). */
  benefitTierWho: {
    leader: 'cán bộ lãnh đạo, quản lý',
    nonLeaderUniversity: 'người không giữ chức vụ lãnh đạo, trình độ đại học trở lên',
    nonLeaderUpToCollege: 'người không giữ chức vụ lãnh đạo, trình độ cao đẳng trở xuống',
  },
  /**
   * Notices (the inbox and e-mail): subject and body. `about` is "<form name> — <nominee>"; times and dates come in
   * already formatted (messages/format.js).
   */
  notices: {
    /** @param {string} comment */
    comment: (comment) => `Ý kiến: ${comment}`,
    /** @param {{ about: string, deadline: string }} p */
    awaiting: ({ about, deadline }) => ({
      subject: `Đề nghị khen thưởng chờ xem xét: ${about}`,
      body: `Hồ sơ đề nghị ${about} đang chờ đơn vị xem xét, hạn ${deadline}.`,
    }),
    /** @param {{ about: string, deadline: string }} p */
    returned: ({ about, deadline }) => ({
      subject: `Đề nghị bị trả lại để bổ sung: ${about}`,
      body: `Hồ sơ ${about} được trả lại để bổ sung, hạn ${deadline}.`,
    }),
    /** @param {{ about: string, decision: string }} p */
    approved: ({ about, decision }) => ({
      subject: `Đã có quyết định khen thưởng: ${about}`,
      body: `${decision} khen thưởng ${about}.`,
    }),
    /** @param {{ about: string }} p */
    rejected: ({ about }) => ({
      subject: `Đề nghị không được chấp thuận: ${about}`,
      body: `Đề nghị ${about} không được chấp thuận.`,
    }),
    /** @param {{ about: string, decision: string | null }} p */
    revoked: ({ about, decision }) => ({
      subject: `Thu hồi khen thưởng: ${about}`,
      body: `Khen thưởng ${about} đã bị thu hồi${decision ? ` theo ${decision}` : ''}.`,
    }),
    /** @param {{ about: string }} p */
    withdrawn: ({ about }) => ({
      subject: `Đơn vị đã rút đề nghị: ${about}`,
      body: `Đề nghị ${about} đã được đơn vị trình rút lại.`,
    }),
    /** @param {{ about: string, deadline: string }} p */
    reminder: ({ about, deadline }) => ({
      subject: `Sắp đến hạn xử lý: ${about}`,
      body: `Hồ sơ ${about} cần được xử lý trước ${deadline}.`,
    }),
    /** @param {{ about: string, holder: string, deadline: string }} p */
    escalation: ({ about, holder, deadline }) => ({
      subject: `Quá hạn xử lý: ${about}`,
      body: `Hồ sơ ${about} tại đơn vị ${holder} đã quá hạn ${deadline}.`,
    }),
    /** @param {{ period: string, dueAt: string }} p */
    reportOpen: ({ period, dueAt }) => ({
      subject: `Mở kỳ báo cáo thi đua, khen thưởng ${period}`,
      body: `Đơn vị gửi báo cáo ${period} lên công đoàn cấp trên trước ${dueAt}.`,
    }),
    reportRemind: () => ({
      subject: 'Sắp đến hạn gửi báo cáo thi đua, khen thưởng',
      body: 'Báo cáo của đơn vị chưa được gửi; hạn gửi sắp đến.',
    }),
    /** One subject to every upper unit; the body names that unit's own late units. */
    reportOverdue: {
      subject: 'Đơn vị cấp dưới quá hạn gửi báo cáo thi đua, khen thưởng',
      /** @param {string} units */
      body: (units) => `Các đơn vị chưa gửi báo cáo: ${units}.`,
    },
    /** @param {{ review: 'interim' | 'final', movement: string, on: string }} p */
    movementReview: ({ review, movement, on }) => ({
      subject: `Sắp đến ngày ${vi.reviewKind[review].toLowerCase()} phong trào “${movement}”`,
      body: `Phong trào “${movement}” ${vi.reviewKind[review].toLowerCase()} ngày ${on}: đơn vị chuẩn bị báo cáo kết quả và tự chấm điểm theo tiêu chí.`,
    }),
  },
  /** Where an e-mail stands in the outbox (db/schema.ts EmailStatus). */
  emailStatus: {
    none: 'Không gửi thư',
    pending: 'Chờ gửi',
    sending: 'Đang gửi',
    sent: 'Đã gửi',
    failed: 'Bị từ chối hẳn',
    unknown: 'Chưa rõ đã gửi hay chưa',
  },
  /** Problems the verification of the history names (audit/verify.ts IssueKind). */
  verificationIssues: {
    'hash-mismatch': 'Nội dung sự kiện không khớp mã băm',
    'broken-link': 'Mã băm trước không khớp sự kiện liền trước',
    'missing-position': 'Thiếu sự kiện trong chuỗi',
    'unexpected-position': 'Sự kiện sai vị trí',
    truncated: 'Chuỗi ngắn hơn mốc neo',
    'anchor-mismatch': 'Mốc neo không khớp cuối chuỗi',
    'missing-anchor': 'Thiếu mốc neo',
    'bad-anchor-signature': 'Chữ ký của mốc neo không hợp lệ',
    'read-model-mismatch': 'Dữ liệu tra cứu khác kết quả tính lại từ sự kiện',
    'missing-read-model': 'Thiếu dữ liệu tra cứu của hồ sơ',
    'unreadable-stream': 'Không đọc được chuỗi sự kiện',
    'decision-gap': 'Số quyết định bị nhảy số',
    'decision-unmatched': 'Số quyết định không ứng với đúng một phê duyệt',
    'decision-annex-mismatch':
      'Danh sách kèm theo quyết định không khớp với các phê duyệt theo quyết định đó',
    'signed-scan-mismatch': 'Bản chụp quyết định đã ký không khớp mã băm đã ghi',
  },
  /** The auditors' command line (npm run audit). */
  auditCommand: {
    usage:
      'cách dùng: npm run audit -- timeline <mã hồ sơ> | verify [--unit U] [--year Y] | replay [--unit U] [--year Y] [--files F…] | export <mã hồ sơ>|--unit U [--year Y] [--out DIR]',
    nameACommand: 'hãy nêu một lệnh',
    /** @param {string} command */
    unknownCommand: (command) => `không có lệnh ${command}`,
    /** @param {string} value */
    badYear: (value) => `--year phải là một năm, không phải ${value}`,
    timelineNeedsId: 'timeline cần mã hồ sơ đề nghị',
    /** @param {string} id */
    noNomination: (id) => `Không có hồ sơ đề nghị ${id}`,
    nothingToExport: 'không có gì để xuất: hãy nêu mã hồ sơ, hoặc một phạm vi bằng --unit/--year',
    progress: {
      verifying: 'đang kiểm tra',
      fetching: 'đang tải lịch sử',
      replaying: 'đang chạy lại',
      exporting: 'đang xuất',
    },
    /** @param {string} label */
    progressFormat: (label) => `${label} [{bar}] {value}/{total} {percentage}% · còn {eta_formatted}`,
    timeline: {
      position: '#',
      time: 'thời điểm',
      action: 'thao tác',
      type: 'loại sự kiện',
      actor: 'người thực hiện',
      role: 'vai trò',
      unit: 'đơn vị',
      comment: 'ý kiến',
      hash: 'mã băm',
    },
    allUnits: 'tất cả đơn vị',
    verifySummary: {
      scope: 'phạm vi',
      streams: 'hồ sơ',
      events: 'sự kiện',
      decisions: 'quyết định',
      problems: 'vấn đề',
      seconds: 'giây',
      rate: 'hồ sơ/giây',
    },
    issues: { problem: 'vấn đề', kind: 'mã vấn đề', stream: 'hồ sơ', position: 'vị trí', detail: 'chi tiết' },
    verifyFailed: 'KHÔNG ĐẠT: lịch sử có vấn đề (bảng trên).',
    verifyPassed:
      'ĐẠT: mọi chuỗi mã băm nguyên vẹn và khớp mốc neo, dữ liệu tra cứu tính lại đúng, số quyết định liên tục.',
    replaySummary: {
      histories: 'lịch sử',
      failed: 'không chạy lại được',
      seconds: 'giây',
      rate: 'lịch sử/giây',
    },
    replayFailures: { workflow: 'tiến trình', error: 'lỗi' },
    replayFailed: 'KHÔNG ĐẠT: các tiến trình này không còn chạy lại được qua mã nguồn hiện tại.',
    replayPassed: 'ĐẠT: mọi lịch sử chạy lại được qua mã nguồn tiến trình hiện tại.',
    /** @param {{ count: string, folder: string }} p */
    exported: ({ count, folder }) =>
      `Đã ghi ${count} hồ sơ vào ${folder} (mỗi hồ sơ một tệp JSON kèm chuỗi mã băm và một tệp PDF). Kiểm chứng tệp JSON theo docs/audit-export.md.`,
  },
  /** The operators' e-mail outbox command line (npm run mail:outbox). */
  outboxCommand: {
    /** @param {{ statuses: string, resolutions: string }} p */
    usage: ({ statuses, resolutions }) =>
      `cách dùng: npm run mail:outbox -- list [--status ${statuses}] [--limit N] | resolve <mã thư> ${resolutions} [--by TÊN]`,
    nameACommand: 'hãy nêu một lệnh',
    /** @param {string} command */
    unknownCommand: (command) => `không có lệnh ${command}`,
    /** @param {string} status */
    unknownStatus: (status) => `không có trạng thái ${status}`,
    badLimit: '--limit phải là một số nguyên dương',
    resolveNeeds: 'resolve cần mã thư và quyết định',
    /** @param {string} decision */
    unknownDecision: (decision) => `không có quyết định ${decision}`,
    /** @param {string} status */
    noneInStatus: (status) => `Không có thư nào ở trạng thái “${status}”.`,
    columns: {
      id: 'mã thư',
      recipient: 'người nhận',
      subject: 'tiêu đề',
      created: 'tạo lúc',
      claimed: 'bắt đầu gửi lúc',
      attempts: 'số lần gửi',
      error: 'lỗi',
    },
    /** @param {string} id */
    requeued: (id) => `${id}: đã xếp lại vào hàng gửi; tiến trình gửi thư sẽ gửi trong vòng một phút.`,
    /** @param {string} id */
    markedSent: (id) => `${id}: đã ghi nhận là đã gửi.`,
    /** @param {string} id */
    notFound: (id) => `Không có thư ${id}.`,
    /** @param {{ id: string, status: string }} p */
    notUnknown: ({ id, status }) =>
      `Thư ${id} đang ở trạng thái “${status}”: chỉ xử lý thư chưa rõ đã gửi hay chưa (hoặc, để gửi lại, thư đã bị từ chối hẳn).`,
  },
  /** The reporting calendar's command line (npm run schedules:apply | schedules:list). */
  schedulesCommand: {
    usage: 'cách dùng: npm run schedules:apply | npm run schedules:list',
    /** @param {{ created: string, updated: string }} p */
    applied: ({ created, updated }) => `đã tạo: ${created}; đã cập nhật: ${updated}`,
    /** @param {string} times */
    next: (times) => `lần chạy tới: ${times}`,
  },
};

/**
 * The label of a code in a section of the catalogue, e.g. `labelOf(vi.events, e.type)`; a code the catalogue does not
 * know reads as itself (test/unit/catalogue.unit.test.ts keeps the domain's codes all known).
 * @param {Readonly<Record<string, string>>} section
 * @param {string} code
 */
export const labelOf = (section, code) => section[code] ?? code;
