// @ts-check
/**
 * Every word a person reads, in Vietnamese, in one place: the web page, the PDFs, the spreadsheets, the e-mails and
 * the command line all take their labels from here. Plain JavaScript with no imports, so that the browser loads this
 * very file (served at /messages/vi.js) and the server imports it too.
 */
export const vi = {
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
    upperUnionsWithPlan: 'Công đoàn cấp trên cơ sở có kế hoạch, phát động thi đua',
    baseUnionsWithPlan: 'Công đoàn cơ sở có kế hoạch, phát động thi đua',
    movementsReviewed: 'Phong trào đã phát động được sơ kết, tổng kết',
    officersTrained: 'Cán bộ làm công tác thi đua, khen thưởng được tập huấn',
    directWorkers: 'Cá nhân được khen là công nhân, lao động trực tiếp (tối thiểu)',
    nonLeaders: 'Cá nhân được khen không giữ chức vụ lãnh đạo (tối thiểu)',
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
};
